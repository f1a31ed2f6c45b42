package io.jnutcracker.topology;

import java.io.IOException;

/**
 * Asks one server for its {@code INFO replication}. {@link RedisProbe} asks the real server; tests
 * give recorded texts.
 */
@FunctionalInterface
public interface InfoSource {
    /**
     * @param password the pool's {@code redis_auth}, or {@code null}
     * @throws IOException when the server cannot be reached or refuses (the message says why, briefly)
     */
    ReplicationInfo replication(Endpoint endpoint, String password) throws IOException;
}
