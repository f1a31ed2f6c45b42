package io.jnutcracker.config;

import io.jnutcracker.hash.Distribution;
import io.jnutcracker.hash.HashFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * nutcracker's {@code conf_validate_pool} and {@code conf_post_validate}, in their order: each pool in
 * file order (listen present, server_connections not 0, redis_auth only with redis, servers sorted
 * and unique by name), then duplicate listen texts, then duplicate pool names. The result is sorted
 * by name, as nutcracker leaves its pool array.
 */
final class PoolValidator {
    /** A validated pool and the draft it came from, which knows the lines of its keys. */
    private record Checked(PoolDraft draft, PoolConfig config) {
    }

    private PoolValidator() {
    }

    static ProxyConfig validate(Path file, List<PoolDraft> drafts) throws ConfigException {
        if (drafts.isEmpty()) {
            throw new ConfigException(file, 0, null, "'" + file + "' has no pools");
        }
        List<Checked> pools = new ArrayList<>();
        for (PoolDraft d : drafts) {
            pools.add(new Checked(d, validatePool(file, d)));
        }
        // List.sort is stable, like the glibc merge sort nutcracker's array_sort (qsort) ends up in, so
        // the pair named is the first two pools in file order sharing a listen ([run]: 'c' and 'b').
        int i = sortAndFindEqualNeighbours(pools, p -> p.config().listen().raw());
        if (i >= 0) {
            PoolConfig a = pools.get(i).config();
            PoolConfig b = pools.get(i + 1).config();
            throw new ConfigException(file, pools.get(i + 1).draft().lineOf(Directive.LISTEN),
                    Directive.LISTEN.key(), "pools '" + a.name() + "' and '" + b.name()
                            + "' have the same listen address '" + a.listen().raw() + "'");
        }
        i = sortAndFindEqualNeighbours(pools, p -> p.config().name());
        if (i >= 0) {
            // sic: nutcracker's format string has no opening quote before the name
            throw new ConfigException(file, pools.get(i + 1).draft().line(), null,
                    "'" + file + "' has pools with same name " + pools.get(i).config().name() + "'");
        }
        for (Checked c : pools) {
            replicaReadsNeeds(file, c.draft());
        }
        List<PoolConfig> configs = pools.stream().map(Checked::config).toList();
        List<String> fallbacks = pools.stream().map(c -> c.draft().<String>get(Directive.JN_READ_FALLBACK)).toList();
        List<Integer> lines = pools.stream().map(c -> c.draft().lineOf(Directive.JN_READ_FALLBACK)).toList();
        return new ProxyConfig(file, ReadFallbackResolver.resolve(file, configs, fallbacks, lines));
    }

    private static PoolConfig validatePool(Path file, PoolDraft d) throws ConfigException {
        ListenConfig listen = d.get(Directive.LISTEN);
        if (listen == null) {
            throw new ConfigException(file, d.line(), Directive.LISTEN.key(),
                    "directive \"listen:\" is missing");
        }
        int serverConnections = d.get(Directive.SERVER_CONNECTIONS);
        if (serverConnections == 0) {
            throw new ConfigException(file, d.lineOf(Directive.SERVER_CONNECTIONS),
                    Directive.SERVER_CONNECTIONS.key(), "directive \"server_connections:\" cannot be 0");
        }
        boolean redis = d.get(Directive.REDIS);
        String redisAuth = d.get(Directive.REDIS_AUTH);
        if (!redis && redisAuth != null) {
            throw new ConfigException(file, d.lineOf(Directive.REDIS_AUTH), Directive.REDIS_AUTH.key(),
                    "directive \"redis_auth:\" is only valid for a redis pool");
        }
        List<ServerConfig> servers = sortedServers(file, d);
        PoolExtensions extensions = new PoolExtensions(d.<Integer>get(Directive.JN_VERIFY_INTERVAL))
                .withReusePort(d.<Boolean>get(Directive.REUSEPORT))
                .withTls(TlsResolver.resolve(file, d))
                .withReplicaReads(new ReplicaReads(d.<Integer>get(Directive.JN_MAX_REPLICA_LAG),
                        d.<Boolean>get(Directive.JN_RETRY_MISS_ON_MASTER)))
                .withSentinel(sentinel(file, d, servers))
                .withDedicated(new DedicatedLimit(d.<Integer>get(Directive.JN_DEDICATED_CONNECTIONS)));
        return new PoolConfig(d.name(), listen, d.<HashFunction>get(Directive.HASH), d.get(Directive.HASH_TAG),
                d.<Distribution>get(Directive.DISTRIBUTION), d.<Integer>get(Directive.TIMEOUT),
                d.<Integer>get(Directive.BACKLOG), d.<Boolean>get(Directive.PRECONNECT), redis, redisAuth,
                d.<Integer>get(Directive.REDIS_DB), serverConnections, d.<Boolean>get(Directive.AUTO_EJECT_HOSTS),
                d.<Integer>get(Directive.SERVER_RETRY_TIMEOUT), d.<Integer>get(Directive.SERVER_FAILURE_LIMIT),
                d.<Integer>get(Directive.CLIENT_CONNECTIONS), d.<Boolean>get(Directive.TCPKEEPALIVE),
                servers, d.line(), extensions);
    }

    /**
     * Replication-aware reads go to a member's master through {@code jn_read_fallback}, and the lag
     * bound is judged by the background check: without them the keys would do nothing, silently.
     */
    private static void replicaReadsNeeds(Path file, PoolDraft d) throws ConfigException {
        boolean fallback = d.get(Directive.JN_READ_FALLBACK) != null;
        for (Directive key : List.of(Directive.JN_MAX_REPLICA_LAG, Directive.JN_RETRY_MISS_ON_MASTER)) {
            Object value = d.get(key);
            boolean set = value instanceof Integer n ? n > 0 : Boolean.TRUE.equals(value);
            if (set && !fallback) {
                throw new ConfigException(file, d.lineOf(key), key.key(), "directive \"" + key.key()
                        + "\" needs \"" + Directive.JN_READ_FALLBACK.key() + "\": its reads go to the member's master");
            }
        }
        if (d.<Integer>get(Directive.JN_MAX_REPLICA_LAG) > 0 && d.<Integer>get(Directive.JN_VERIFY_INTERVAL) == 0) {
            throw new ConfigException(file, d.lineOf(Directive.JN_MAX_REPLICA_LAG), Directive.JN_MAX_REPLICA_LAG.key(),
                    "directive \"" + Directive.JN_MAX_REPLICA_LAG.key() + "\" needs \""
                            + Directive.JN_VERIFY_INTERVAL.key() + "\": the background check measures the lag");
        }
    }

    /**
     * {@code jn_sentinels} and its companions; null when the pool has none. A Sentinel knows a master
     * by name only, so every server must be named (an unnamed one is known by its address, which is
     * exactly what a failover changes) and be TCP.
     */
    private static SentinelSettings sentinel(Path file, PoolDraft d, List<ServerConfig> servers)
            throws ConfigException {
        List<java.net.InetSocketAddress> sentinels = d.get(Directive.JN_SENTINELS);
        if (sentinels == null) {
            for (Directive companion : List.of(Directive.JN_SENTINEL_AUTH, Directive.JN_SENTINEL_LOCAL)) {
                if (d.has(companion)) {
                    throw new ConfigException(file, d.lineOf(companion), companion.key(),
                            "directive \"" + companion.key() + "\" needs \"" + Directive.JN_SENTINELS.key() + "\"");
                }
            }
            return null;
        }
        for (ServerConfig s : servers) {
            if (s.isUnix() || s.name().equals(s.host() + ":" + s.port()) || s.name().equals(s.host())) {
                throw new ConfigException(file, s.line(), Directive.SERVERS.key(), "pool '" + d.name()
                        + "' has jn_sentinels, so each server needs a name, its Sentinel master name, and a "
                        + "host:port ('" + s.pname() + "')");
            }
        }
        List<Subnet> local = d.get(Directive.JN_SENTINEL_LOCAL);
        return new SentinelSettings(sentinels, d.get(Directive.JN_SENTINEL_AUTH), local == null ? List.of() : local);
    }

    /** {@code conf_validate_server}: sorted by name (the rank is the server's index), names unique. */
    private static List<ServerConfig> sortedServers(Path file, PoolDraft d) throws ConfigException {
        List<ServerConfig> servers = new ArrayList<>(d.servers());
        if (servers.isEmpty()) {
            // reachable when the pool's one sequence is under another key, e.g. "listen:\n - h:1"
            throw new ConfigException(file, d.line(), Directive.SERVERS.key(),
                    "pool '" + d.name() + "' has no servers");
        }
        int i = sortAndFindEqualNeighbours(servers, ServerConfig::name);
        if (i >= 0) {
            ServerConfig a = servers.get(i);
            ServerConfig b = servers.get(i + 1);
            throw new ConfigException(file, Math.max(a.line(), b.line()), Directive.SERVERS.key(),
                    "pool '" + d.name() + "' has servers with same name '" + a.name() + "'");
        }
        return servers;
    }

    /**
     * Sorts {@code items} in place (stably) by {@code string_compare} on {@code key}; returns the index
     * of the first of two neighbours with equal keys, or -1.
     */
    private static <T> int sortAndFindEqualNeighbours(List<T> items, Function<T, String> key) {
        items.sort(Comparator.comparing(key, NcStrings.COMPARE));
        for (int i = 0; i + 1 < items.size(); i++) {
            if (NcStrings.compare(key.apply(items.get(i)), key.apply(items.get(i + 1))) == 0) {
                return i;
            }
        }
        return -1;
    }
}
