package io.jnutcracker.topology;

import io.jnutcracker.util.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The rule of {@code jn_max_replica_lag} (docs/READ-POOLS.md section 4): a read member is unreadable
 * while its {@code master_link_status} is down, or while it lags its master by more than the bound,
 * in seconds ({@link OffsetHistory}: time since the master first had data the replica still lacks);
 * readable again as soon as a check finds neither. A member whose lag cannot be measured (it or its
 * master does not answer) is not marked: there is no evidence against it, and a down member is
 * handled by the read fallback already. Confined to the check's thread; the clock is injected.
 */
final class ReplicaJudge {
    private final Clock clock;
    private final Map<String, OffsetHistory> histories = new HashMap<>();

    ReplicaJudge(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param info the member's {@code INFO replication}; null when it did not answer
     * @param lagBytes its master's offset minus its own, from the same check ({@link Lag#bytes()}); -1 unknown
     * @param maxLagSeconds the pool's {@code jn_max_replica_lag}
     */
    ReplicaVerdict judge(String pool, String member, ReplicationInfo info, long lagBytes, int maxLagSeconds) {
        String key = pool + '\0' + member;
        if (info == null) {
            return new ReplicaVerdict(pool, member, false, -1, "it does not answer");
        }
        if (!info.isReplica()) {
            histories.remove(key);
            return new ReplicaVerdict(pool, member, false, -1, "it is not a replica");
        }
        if (!info.linkUp()) {
            histories.remove(key);
            long down = info.linkDownSinceSeconds();
            return new ReplicaVerdict(pool, member, true, down, "its replication link is down"
                    + (down >= 0 ? " (for " + down + " s)" : ""));
        }
        if (lagBytes < 0 || info.replicaOffset() < 0) {
            return new ReplicaVerdict(pool, member, false, -1, "its lag is unknown (its master does not answer)");
        }
        long master = info.replicaOffset() + lagBytes;
        long nanos = histories.computeIfAbsent(key, k -> new OffsetHistory())
                .lagNanos(info.replicaOffset(), master, clock.nanoTime());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        boolean behind = seconds > maxLagSeconds;
        return new ReplicaVerdict(pool, member, behind, seconds, "it is " + seconds + " s (" + lagBytes
                + " bytes) behind its master" + (behind ? ", over jn_max_replica_lag " + maxLagSeconds + " s" : ""));
    }
}
