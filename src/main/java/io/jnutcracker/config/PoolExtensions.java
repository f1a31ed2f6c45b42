package io.jnutcracker.config;

/**
 * A pool's jnutcracker-only keys (the extension section of {@link Directive}), apart from the values
 * nutcracker 0.5.0 itself knows so that {@link PoolConfig}'s nutcracker part stays nutcracker's.
 * Each feature is one component; {@link #NONE} and the {@code with*} methods build the rest.
 *
 * @param verifyIntervalSeconds {@code jn_verify_interval}: seconds between background topology checks,
 *     0 for none (the default)
 * @param readFallback {@code jn_read_fallback}, resolved against the file's pools; null for none
 * @param reusePort {@code reuseport} (twemproxy master's key): SO_REUSEPORT on the listener
 * @param tls the {@code jn_tls_*} keys; null for plain TCP both ways, as nutcracker
 * @param replicaReads {@code jn_max_replica_lag} and {@code jn_retry_miss_on_master}; never null
 * @param sentinel {@code jn_sentinels} and its companions; null for none
 * @param dedicated {@code jn_dedicated_connections} (issue 16); never null
 */
public record PoolExtensions(int verifyIntervalSeconds, ReadFallback readFallback, boolean reusePort, TlsConfig tls,
                             ReplicaReads replicaReads, SentinelSettings sentinel, DedicatedLimit dedicated) {
    /** No extension key set: the pool behaves as in nutcracker, apart from what the defaults add. */
    public static final PoolExtensions NONE = new PoolExtensions(0, null, false, null, ReplicaReads.OFF, null,
            DedicatedLimit.DEFAULT);

    public PoolExtensions {
        replicaReads = replicaReads == null ? ReplicaReads.OFF : replicaReads;
        dedicated = dedicated == null ? DedicatedLimit.DEFAULT : dedicated;
    }

    public PoolExtensions(int verifyIntervalSeconds) {
        this(verifyIntervalSeconds, null);
    }

    public PoolExtensions(int verifyIntervalSeconds, ReadFallback readFallback) {
        this(verifyIntervalSeconds, readFallback, false, null, ReplicaReads.OFF, null, DedicatedLimit.DEFAULT);
    }

    /** True when the running proxy should check this pool's topology in the background. */
    public boolean verifies() {
        return verifyIntervalSeconds > 0;
    }

    /** How to reach this pool's servers with TLS, or null for plain TCP. */
    public TlsConfig.Servers serverTls() {
        return tls == null ? null : tls.servers();
    }

    /** How this pool's listener speaks TLS, or null for plain TCP. */
    public TlsConfig.Listen listenTls() {
        return tls == null ? null : tls.listen();
    }

    public PoolExtensions withReadFallback(ReadFallback fallback) {
        return new PoolExtensions(verifyIntervalSeconds, fallback, reusePort, tls, replicaReads, sentinel, dedicated);
    }

    public PoolExtensions withReusePort(boolean next) {
        return new PoolExtensions(verifyIntervalSeconds, readFallback, next, tls, replicaReads, sentinel, dedicated);
    }

    public PoolExtensions withTls(TlsConfig next) {
        return new PoolExtensions(verifyIntervalSeconds, readFallback, reusePort, next, replicaReads, sentinel, dedicated);
    }

    public PoolExtensions withReplicaReads(ReplicaReads next) {
        return new PoolExtensions(verifyIntervalSeconds, readFallback, reusePort, tls, next, sentinel, dedicated);
    }

    public PoolExtensions withSentinel(SentinelSettings next) {
        return new PoolExtensions(verifyIntervalSeconds, readFallback, reusePort, tls, replicaReads, next, dedicated);
    }

    public PoolExtensions withDedicated(DedicatedLimit next) {
        return new PoolExtensions(verifyIntervalSeconds, readFallback, reusePort, tls, replicaReads, sentinel, next);
    }
}
