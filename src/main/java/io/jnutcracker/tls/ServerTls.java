package io.jnutcracker.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * TLS towards a pool's servers: one context (immutable, shared by every loop and connection of a
 * pool generation) and the name to announce and check.
 *
 * @param name {@code jn_tls_server_name}, or null for each server's own host
 */
public record ServerTls(SslContext context, String name) {
    /**
     * The first handler of a new server connection. {@code host} is sent as SNI (not for an address
     * literal, per RFC 6066) and checked against the certificate when the pool verifies names.
     *
     * @param host the server's host as configured, or null for a unix socket
     */
    public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        String peer = name != null ? name : host;
        return peer == null ? context.newHandler(alloc) : context.newHandler(alloc, peer, port);
    }
}
