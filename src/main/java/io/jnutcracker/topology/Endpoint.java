package io.jnutcracker.topology;

import io.jnutcracker.config.ServerConfig;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Where a redis-server listens: {@code host:port}, or a unix socket path. Two endpoints are equal
 * when spelled alike; the same server under two spellings is told apart by its data (see
 * {@link Origin}), not by its address.
 *
 * @param host host name or address as written (a config line, or a replica's {@code master_host});
 *     {@code null} for a unix socket
 * @param port TCP port; 0 for a unix socket
 * @param unixPath socket path, or {@code null} for TCP
 */
public record Endpoint(String host, int port, String unixPath) {

    public static Endpoint tcp(String host, int port) {
        return new Endpoint(host, port, null);
    }

    public static Endpoint of(ServerConfig server) {
        return server.isUnix() ? new Endpoint(null, 0, server.unixPath()) : tcp(server.host(), server.port());
    }

    public boolean isUnix() {
        return unixPath != null;
    }

    /**
     * Resolves the host now (a name costs a DNS lookup; an address literal does not); unresolved
     * when the lookup fails. A socket path in Netty's form, as the native transport needs.
     */
    SocketAddress socketAddress() {
        return isUnix() ? new DomainSocketAddress(unixPath) : new InetSocketAddress(host, port);
    }

    /** {@code host:port} as nutcracker writes it, or the socket path. */
    @Override
    public String toString() {
        return isUnix() ? unixPath : host + ":" + port;
    }
}
