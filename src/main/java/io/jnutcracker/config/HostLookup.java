package io.jnutcracker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Checks that a {@code listen:} host resolves, as nutcracker's {@code nc_resolve} does at load time
 * ({@code getaddrinfo}, AF_UNSPEC): an unresolvable listen host makes the whole file invalid. Only the
 * verdict is kept; the proxy resolves again when it binds. Server hosts are never looked up here,
 * because nutcracker resolves them lazily per connection.
 *
 * <p>{@link InetAddress} ends in the same glibc {@code getaddrinfo} for names, but its own literal
 * parsing differs from glibc's in a few places, so those are settled here first:
 * <ul>
 *   <li>{@code ""} is loopback to Java but "Name or service not known" to glibc;</li>
 *   <li>{@code [::1]} is fine for Java but not for getaddrinfo ([run]: nutcracker rejects it);</li>
 *   <li>glibc takes BSD {@code inet_aton} forms ({@code 0x7f.0.0.1}, {@code 127.1},
 *       {@code 2130706433}) which Java partly refuses, and refuses {@code 08.1.1.1}, which Java takes.</li>
 * </ul>
 */
final class HostLookup {
    private HostLookup() {
    }

    /** Throws with nutcracker's {@code nc_util.c} wording when {@code host} does not resolve. */
    static void resolve(String host, int port) throws UnknownHostException {
        if (!resolves(host)) {
            throw new UnknownHostException("address resolution of node '" + host + "' service '" + port
                    + "' failed: Name or service not known");
        }
    }

    private static boolean resolves(String host) {
        if (host.isEmpty() || host.charAt(0) == '[') {
            return false;
        }
        if (isInetAtonLiteral(host)) {
            return true;
        }
        if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return false; // not a valid literal, so glibc would ask DNS for an all-numeric name: no answer
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /**
     * glibc's {@code __inet_aton_exact} (used by getaddrinfo): one to four dot-separated parts, each
     * decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes; no trailing text.
     */
    static boolean isInetAtonLiteral(String s) {
        long[] parts = new long[4];
        int n = 0;
        int i = 0;
        while (true) {
            if (i >= s.length() || !isDigit(s.charAt(i))) {
                return false;
            }
            int base = 10;
            boolean digit = false;
            if (s.charAt(i) == '0') {
                i++;
                if (i < s.length() && (s.charAt(i) == 'x' || s.charAt(i) == 'X')) {
                    base = 16;
                    i++;
                } else {
                    base = 8;
                    digit = true;
                }
            }
            long value = 0;
            for (; i < s.length(); i++) {
                int d = asciiDigit(s.charAt(i), base);
                if (d < 0) {
                    break;
                }
                if (base == 8 && d > 7) {
                    return false;
                }
                value = value * base + d;
                if (value > 0xffffffffL) {
                    return false;
                }
                digit = true;
            }
            if (!digit) {
                return false;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                if (n >= 3 || value > 0xff) {
                    return false;
                }
                parts[n++] = value;
                i++;
                continue;
            }
            if (i != s.length()) {
                return false;
            }
            // the last part must fit in the bytes the earlier parts left over
            long limit = n == 0 ? 0xffffffffL : (1L << (8 * (4 - n))) - 1;
            return value <= limit;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** 0-9 in any base (8 and 9 are refused by the caller for octal), a-f/A-F in base 16, else -1. */
    private static int asciiDigit(char c, int base) {
        if (isDigit(c)) {
            return c - '0';
        }
        if (base == 16 && c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (base == 16 && c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
