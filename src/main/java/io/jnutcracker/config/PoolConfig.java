package io.jnutcracker.config;

import io.jnutcracker.hash.Distribution;
import io.jnutcracker.hash.HashFunction;
import java.util.List;

/**
 * One validated pool with nutcracker 0.5.0's defaults applied ({@code conf_pool_init} and
 * {@code conf_validate_pool}). Servers are in nutcracker's sorted order, so a server's list index is
 * its pool index.
 *
 * @param timeoutMs request timeout in ms; &lt;= 0 means wait forever (nutcracker default -1)
 * @param hashTag two bytes, or {@code null} when not set
 * @param redisAuth password, or {@code null}
 * @param serverRetryTimeoutMs ms before an ejected server is tried again (default 30000)
 * @param clientConnections parsed limit, 0 = unlimited (nutcracker parses and then ignores it)
 * @param line 1-based line of the pool's name in its file
 * @param extensions the pool's jnutcracker-only keys ({@link PoolExtensions#NONE} when none is set)
 */
public record PoolConfig(
        String name,
        ListenConfig listen,
        HashFunction hash,
        byte[] hashTag,
        Distribution distribution,
        int timeoutMs,
        int backlog,
        boolean preconnect,
        boolean redis,
        String redisAuth,
        int redisDb,
        int serverConnections,
        boolean autoEjectHosts,
        int serverRetryTimeoutMs,
        int serverFailureLimit,
        int clientConnections,
        boolean tcpKeepalive,
        List<ServerConfig> servers,
        int line,
        PoolExtensions extensions) {

    public PoolConfig {
        servers = List.copyOf(servers);
        hashTag = hashTag == null ? null : hashTag.clone();
        extensions = extensions == null ? PoolExtensions.NONE : extensions;
    }

    /** A pool without extension keys: exactly what nutcracker 0.5.0 knows about. */
    public PoolConfig(String name, ListenConfig listen, HashFunction hash, byte[] hashTag, Distribution distribution,
            int timeoutMs, int backlog, boolean preconnect, boolean redis, String redisAuth, int redisDb,
            int serverConnections, boolean autoEjectHosts, int serverRetryTimeoutMs, int serverFailureLimit,
            int clientConnections, boolean tcpKeepalive, List<ServerConfig> servers, int line) {
        this(name, listen, hash, hashTag, distribution, timeoutMs, backlog, preconnect, redis, redisAuth, redisDb,
                serverConnections, autoEjectHosts, serverRetryTimeoutMs, serverFailureLimit, clientConnections,
                tcpKeepalive, servers, line, PoolExtensions.NONE);
    }

    /** This pool with other extension settings. */
    public PoolConfig withExtensions(PoolExtensions next) {
        return new PoolConfig(name, listen, hash, hashTag, distribution, timeoutMs, backlog, preconnect, redis,
                redisAuth, redisDb, serverConnections, autoEjectHosts, serverRetryTimeoutMs, serverFailureLimit,
                clientConnections, tcpKeepalive, servers, line, next);
    }

    /** This pool with other servers (same names and order: a Sentinel moved one of them). */
    public PoolConfig withServers(List<ServerConfig> next) {
        return new PoolConfig(name, listen, hash, hashTag, distribution, timeoutMs, backlog, preconnect, redis,
                redisAuth, redisDb, serverConnections, autoEjectHosts, serverRetryTimeoutMs, serverFailureLimit,
                clientConnections, tcpKeepalive, next, line, extensions);
    }

    /**
     * Whether {@code other} configures the pool identically, ignoring where in the file it was
     * written (line numbers). A config reload leaves such a pool untouched.
     */
    public boolean sameSettings(PoolConfig other) {
        return withoutLines().equals(other.withoutLines())
                && java.util.Arrays.equals(hashTag, other.hashTag);
    }

    /** This pool with every line number zeroed and no hash tag, so record equality compares settings. */
    private PoolConfig withoutLines() {
        return new PoolConfig(name, listen, hash, null, distribution, timeoutMs, backlog, preconnect, redis,
                redisAuth, redisDb, serverConnections, autoEjectHosts, serverRetryTimeoutMs, serverFailureLimit,
                clientConnections, tcpKeepalive,
                servers.stream().map(s -> new ServerConfig(s.pname(), s.name(), s.host(), s.port(), s.unixPath(),
                        s.weight(), 0)).toList(), 0, extensions);
    }

    @Override
    public byte[] hashTag() {
        return hashTag == null ? null : hashTag.clone();
    }
}
