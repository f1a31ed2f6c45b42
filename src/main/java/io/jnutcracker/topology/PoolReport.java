package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * One pool as the check found it.
 *
 * @param master for a read pool, the master pool it pairs with; {@code null} when none was found
 * @param members in pool order
 * @param miss for a paired read pool, the predicted misses; else {@code null}
 * @param home the host of the pool's proxy, when addresses tell (see {@link Locality}); else {@code null}
 */
public record PoolReport(Path file, PoolConfig pool, PoolRole role, PoolRef master, List<MemberReport> members,
                         MissEstimate miss, String home) {

    public PoolReport {
        members = List.copyOf(members);
    }

    public PoolRef ref() {
        return new PoolRef(file, pool.name());
    }
}
