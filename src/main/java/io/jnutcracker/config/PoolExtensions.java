package io.jnutcracker.config;

/**
 * A pool's jnutcracker-only keys (the extension section of {@link Directive}), apart from the values
 * nutcracker 0.5.0 itself knows so that {@link PoolConfig}'s nutcracker part stays nutcracker's.
 *
 * @param verifyIntervalSeconds {@code jn_verify_interval}: seconds between background topology checks,
 *     0 for none (the default)
 * @param readFallback {@code jn_read_fallback}, resolved against the file's pools; null for none
 * @param dedicated {@code jn_dedicated_connections} (issue 16)
 */
public record PoolExtensions(int verifyIntervalSeconds, ReadFallback readFallback, DedicatedLimit dedicated) {
    /** No extension key set: the pool behaves as in nutcracker, apart from what the defaults add. */
    public static final PoolExtensions NONE = new PoolExtensions(0, null, DedicatedLimit.DEFAULT);

    public PoolExtensions(int verifyIntervalSeconds) {
        this(verifyIntervalSeconds, null, DedicatedLimit.DEFAULT);
    }

    /** True when the running proxy should check this pool's topology in the background. */
    public boolean verifies() {
        return verifyIntervalSeconds > 0;
    }

    public PoolExtensions withReadFallback(ReadFallback fallback) {
        return new PoolExtensions(verifyIntervalSeconds, fallback, dedicated);
    }

    public PoolExtensions withDedicated(DedicatedLimit limit) {
        return new PoolExtensions(verifyIntervalSeconds, readFallback, limit);
    }
}
