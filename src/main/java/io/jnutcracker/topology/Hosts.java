package io.jnutcracker.topology;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/** Host names and addresses compared as addresses, for locality. */
final class Hosts {
    /** Listen hosts that say nothing about which machine a proxy runs on. */
    private static final Set<String> ANYWHERE = Set.of("", "0.0.0.0", "::", "0:0:0:0:0:0:0:0",
            "127.0.0.1", "::1", "0:0:0:0:0:0:0:1", "localhost");

    private Hosts() {
    }

    /** The host's address as text (resolving a name), or the lower-cased name when it does not resolve. */
    static String address(String host) {
        if (host == null) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return host.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A wildcard (listen on every address) or the loopback address every machine has: such a listen
     * host cannot say which data centre the proxy is in.
     */
    static boolean saysNothing(String host) {
        return host == null || ANYWHERE.contains(host.toLowerCase(Locale.ROOT)) || ANYWHERE.contains(address(host));
    }
}
