package io.jnutcracker.topology;

import io.jnutcracker.config.TlsConfig;
import java.io.IOException;

/**
 * Asks one server for its {@code INFO replication}. {@link RedisProbe} asks the real server; tests
 * give recorded texts.
 */
public interface InfoSource {
    /**
     * @param password the pool's {@code redis_auth}, or {@code null}
     * @param tls the pool's TLS towards its servers ({@code jn_tls_server}), or {@code null} for plain TCP
     * @throws IOException when the server cannot be reached or refuses (the message says why, briefly)
     */
    ReplicationInfo replication(Endpoint endpoint, String password, TlsConfig.Servers tls) throws IOException;

    /** Over plain TCP. */
    default ReplicationInfo replication(Endpoint endpoint, String password) throws IOException {
        return replication(endpoint, password, null);
    }
}
