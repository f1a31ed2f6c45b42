package io.jnutcracker.topology;

import java.util.ArrayDeque;

/**
 * One replica's lag in time, from replication offsets seen by successive checks: the replica lacks
 * data its master had when a check first saw the master's offset beyond the replica's current one.
 * So the lag is the time since the earliest check that saw the master at an offset the replica has
 * still not reached; 0 when it has everything the master had at this check. Redis gives no lag in
 * time that measures data: {@code lag=} on the master counts seconds since the replica's last ACK,
 * which keeps coming (every second) while the replica is stuck applying, and
 * {@code master_last_io_seconds_ago} grows on a healthy idle link (pings come every
 * {@code repl-ping-replica-period}, 10 s by default). Resolution: one check interval (a lower bound).
 * Confined to the check's thread.
 */
final class OffsetHistory {
    /** Enough for a lag of a minute at one check a second; beyond that only precision is lost. */
    static final int MAX_SEEN = 64;

    /** {@code {nanoTime, masterOffset}}: each master offset beyond the last, when first seen; oldest first. */
    private final ArrayDeque<long[]> seen = new ArrayDeque<>();

    /**
     * @param replicaOffset the replica's {@code slave_repl_offset}
     * @param masterOffset its direct master's {@code master_repl_offset}, read in the same check
     * @param nowNanos the check's monotonic time
     * @return the lag in ns (0 when caught up)
     */
    long lagNanos(long replicaOffset, long masterOffset, long nowNanos) {
        if (!seen.isEmpty() && masterOffset < seen.peekLast()[1]) {
            seen.clear(); // a new replication stream (failover, full resync): old offsets mean nothing
        }
        if (seen.isEmpty() || masterOffset > seen.peekLast()[1]) {
            seen.addLast(new long[] {nowNanos, masterOffset});
        }
        while (!seen.isEmpty() && seen.peekFirst()[1] <= replicaOffset) {
            seen.pollFirst();
        }
        if (seen.size() > MAX_SEEN) {
            // keep the oldest (it sets the lag); drop the next one, which only matters once the
            // replica has passed the oldest: the lag is then under-stated until it catches up
            long[] oldest = seen.pollFirst();
            seen.pollFirst();
            seen.addFirst(oldest);
        }
        return seen.isEmpty() ? 0 : nowNanos - seen.peekFirst()[0];
    }
}
