package io.jnutcracker.config;

/**
 * One {@code servers:} entry, {@code host:port:weight [name]} or {@code /path:weight [name]}
 * (nutcracker {@code conf_add_server}).
 *
 * @param pname {@code host:port:weight} as written, without the name; used in log lines
 * @param name the identity ketama hashes and stats key on: the given name, else {@code host:port},
 *     {@code host} alone when the port is 11211, or {@code /path:} for a unix socket
 * @param host host name or address; {@code null} for a unix socket
 * @param port TCP port; 0 for a unix socket
 * @param unixPath socket path; {@code null} for TCP
 * @param weight at least 1
 * @param line 1-based line of the entry in its file, for error messages
 */
public record ServerConfig(String pname, String name, String host, int port, String unixPath, int weight,
                           int line) {

    public boolean isUnix() {
        return unixPath != null;
    }

    /**
     * The same member (name, weight: so the same place on the continuum) at another TCP address, as
     * a Sentinel failover moves it; {@code pname} follows, so log lines name the new address.
     */
    public ServerConfig at(String newHost, int newPort) {
        return new ServerConfig(newHost + ":" + newPort + ":" + weight, name, newHost, newPort, null, weight, line);
    }

    /** {@code host:port} or the socket path, for humans. */
    public String address() {
        return isUnix() ? unixPath : host + ":" + port;
    }
}
