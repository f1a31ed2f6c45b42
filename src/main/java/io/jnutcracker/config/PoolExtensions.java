package io.jnutcracker.config;

/**
 * A pool's jnutcracker-only keys (the extension section of {@link Directive}), apart from the values
 * nutcracker 0.5.0 itself knows so that {@link PoolConfig}'s nutcracker part stays nutcracker's.
 *
 * @param verifyIntervalSeconds {@code jn_verify_interval}: seconds between background topology checks,
 *     0 for none (the default)
 * @param readFallback {@code jn_read_fallback}, resolved against the file's pools; null for none
 * @param sentinel {@code jn_sentinels} and its companions; null for none
 */
public record PoolExtensions(int verifyIntervalSeconds, ReadFallback readFallback, SentinelSettings sentinel) {
    /** No extension key set: the pool behaves exactly as in nutcracker. */
    public static final PoolExtensions NONE = new PoolExtensions(0, null, null);

    public PoolExtensions(int verifyIntervalSeconds) {
        this(verifyIntervalSeconds, null, null);
    }

    public PoolExtensions(int verifyIntervalSeconds, ReadFallback readFallback) {
        this(verifyIntervalSeconds, readFallback, null);
    }

    /** True when the running proxy should check this pool's topology in the background. */
    public boolean verifies() {
        return verifyIntervalSeconds > 0;
    }

    public PoolExtensions withReadFallback(ReadFallback fallback) {
        return new PoolExtensions(verifyIntervalSeconds, fallback, sentinel);
    }

    public PoolExtensions withSentinel(SentinelSettings next) {
        return new PoolExtensions(verifyIntervalSeconds, readFallback, next);
    }
}
