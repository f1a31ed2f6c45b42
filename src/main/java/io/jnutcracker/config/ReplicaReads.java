package io.jnutcracker.config;

/**
 * Replication-aware reads (jnutcracker's own, docs/READ-POOLS.md section 4): a read pool with
 * {@code jn_read_fallback} may stop reading from a replica that is known to be behind, and may ask
 * the master again when a replica does not have a key yet. nutcracker knows nothing of replication
 * and does neither.
 *
 * @param maxLagSeconds {@code jn_max_replica_lag}: the background check ({@code jn_verify_interval})
 *     marks a member unreadable while its replication link is down or it is more than this many
 *     seconds behind its master; 0 is off (no member is ever marked)
 * @param retryMissOnMaster {@code jn_retry_miss_on_master}: a nil reply of a member to a single-key
 *     read ({@code Command#missIsNil()}) is asked once more of the member's master
 */
public record ReplicaReads(int maxLagSeconds, boolean retryMissOnMaster) {
    /** Neither key set. */
    public static final ReplicaReads OFF = new ReplicaReads(0, false);

    /** True when the background check judges this pool's members (and may mark them unreadable). */
    public boolean marks() {
        return maxLagSeconds > 0;
    }
}
