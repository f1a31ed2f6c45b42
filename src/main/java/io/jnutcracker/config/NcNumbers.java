package io.jnutcracker.config;

import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * The number parsing nutcracker 0.5.0 applies to config values, reproduced bit for bit so that the
 * same files are accepted and the same values come out.
 */
final class NcNumbers {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN_MAGNITUDE = LONG_MAX.add(BigInteger.ONE);

    private NcNumbers() {
    }

    /**
     * {@code nc_atoi}: ASCII digits only (no sign, no blanks, no decimal point), -1 when anything else
     * is present or the text is empty.
     *
     * <p>Overflow deliberately wraps like nutcracker's C {@code int} accumulator and is then caught only
     * by the final {@code < 0} test. Clamping would be kinder, but it would change accept/reject
     * decisions, which must match 0.5.0 ([run] on the real binary):
     * {@code timeout: 99999999999} is accepted (as 1215752191 ms), {@code timeout: 2147483648} is
     * "not a number", {@code server_connections: 4294967296} "cannot be 0", and
     * {@code listen: 127.0.0.1:4294967297} listens on port 1.
     */
    static int atoi(CharSequence text) {
        if (text.length() == 0) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0'); // wraps on overflow, as in nutcracker
        }
        return value < 0 ? -1 : value;
    }

    /** {@code nc_valid_port}: 1..65535. */
    static boolean validPort(int port) {
        return port >= 1 && port <= 0xffff;
    }

    /**
     * glibc {@code strtol(text, NULL, 8)}: leading white space, an optional sign, then the longest run
     * of octal digits; no digits gives 0 (glibc sets no errno for that). Empty where strtol would set
     * ERANGE.
     */
    static OptionalLong strtolOctal(String text) {
        int i = 0;
        while (i < text.length() && isCSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        BigInteger magnitude = BigInteger.ZERO;
        BigInteger eight = BigInteger.valueOf(8);
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '7') {
            magnitude = magnitude.multiply(eight).add(BigInteger.valueOf(text.charAt(i) - '0'));
            i++;
        }
        if (magnitude.compareTo(negative ? LONG_MIN_MAGNITUDE : LONG_MAX) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(negative ? magnitude.negate().longValue() : magnitude.longValue());
    }

    /** C {@code isspace} in the C locale. */
    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
