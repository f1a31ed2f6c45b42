package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.TlsConfig;

/**
 * How a check talks to a pool's servers, and to the masters and replicas it finds from them: the
 * pool's {@code redis_auth} and its TLS towards servers ({@code jn_tls_server}), both optional.
 */
record Access(String password, TlsConfig.Servers tls) {
    static Access of(PoolConfig pool) {
        return new Access(pool.redisAuth(), pool.extensions().serverTls());
    }
}
