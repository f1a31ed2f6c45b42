package io.jnutcracker.config;

/**
 * A pool's jnutcracker-only keys (the extension section of {@link Directive}), apart from the values
 * nutcracker 0.5.0 itself knows so that {@link PoolConfig}'s nutcracker part stays nutcracker's.
 *
 * @param verifyIntervalSeconds {@code jn_verify_interval}: seconds between background topology checks,
 *     0 for none (the default)
 * @param readFallback {@code jn_read_fallback}, resolved against the file's pools; null for none
 * @param replicaReads {@code jn_max_replica_lag} and {@code jn_retry_miss_on_master}; never null
 */
public record PoolExtensions(int verifyIntervalSeconds, ReadFallback readFallback, ReplicaReads replicaReads) {
    /** No extension key set: the pool behaves exactly as in nutcracker. */
    public static final PoolExtensions NONE = new PoolExtensions(0, null, ReplicaReads.OFF);

    public PoolExtensions {
        replicaReads = replicaReads == null ? ReplicaReads.OFF : replicaReads;
    }

    public PoolExtensions(int verifyIntervalSeconds) {
        this(verifyIntervalSeconds, null, ReplicaReads.OFF);
    }

    /** True when the running proxy should check this pool's topology in the background. */
    public boolean verifies() {
        return verifyIntervalSeconds > 0;
    }

    public PoolExtensions withReadFallback(ReadFallback fallback) {
        return new PoolExtensions(verifyIntervalSeconds, fallback, replicaReads);
    }

    public PoolExtensions withReplicaReads(ReplicaReads next) {
        return new PoolExtensions(verifyIntervalSeconds, readFallback, next);
    }
}
