package io.jnutcracker.topology;

import io.jnutcracker.config.ServerConfig;

/** {@code servers:} entries as text: what a replacement line says, and whether an entry has a name. */
final class ServerLine {
    private ServerLine() {
    }

    /** {@code - host:port:weight name}, as the seed files write entries. */
    static String of(String address, int weight, String name) {
        return "- " + address + ":" + weight + (name == null ? "" : " " + name);
    }

    static String of(Endpoint endpoint, int weight, String name) {
        return of(endpoint.toString(), weight, name);
    }

    /**
     * False when the entry has no name of its own, so nutcracker names it after its address
     * ({@code host:port}, {@code host} for 11211, {@code /path:}) and ketama places keys by it.
     */
    static boolean named(ServerConfig s) {
        String byAddress = s.isUnix() ? s.unixPath() + ":" : s.port() == 11211 ? s.host() : s.host() + ":" + s.port();
        return !s.name().equals(byAddress);
    }
}
