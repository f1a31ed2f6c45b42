package io.jnutcracker.config;

import java.util.Arrays;

/**
 * {@code jn_read_fallback} (a jnutcracker extension): where a read pool sends a read whose replica is
 * down or ejected, instead of re-hashing it onto replicas that do not hold the key (nutcracker's
 * {@code auto_eject_hosts}) or failing it. Two forms (docs/READ-POOLS.md):
 * <ul>
 *   <li>{@code pool:NAME}: the master pool of the same file; read member {@code X} falls back to
 *       master member {@code X} (by name), so both pools must place keys alike;
 *   <li>{@code proxy:HOST:PORT} (or {@code proxy:/unix/path}): a master pool's proxy, which places the
 *       key itself; for a data centre whose process has no master pool.
 * </ul>
 *
 * @param raw the value as written
 * @param target the pool the fallback reads go to: the named pool, or a one-server pool for the proxy
 * @param targetIndex for each read member (by pool index), the target server index it falls back to
 */
public record ReadFallback(String raw, PoolConfig target, int[] targetIndex) {

    public ReadFallback {
        targetIndex = targetIndex.clone();
    }

    /** The target server for read member {@code member}. */
    public int targetOf(int member) {
        return targetIndex[member];
    }

    @Override
    public int[] targetIndex() {
        return targetIndex.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadFallback r && raw.equals(r.raw) && target.sameSettings(r.target)
                && Arrays.equals(targetIndex, r.targetIndex);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }
}
