package io.jnutcracker.topology;

/**
 * What the background check made of one member of a read pool with {@code jn_max_replica_lag}.
 *
 * @param pool the read pool
 * @param member the member's name
 * @param unreadable its reads go to its master until a later check finds it readable again
 * @param lagSeconds how far behind its master it is, in seconds (see {@link ReplicaJudge}); -1 unknown
 * @param reason why, in words, for the log (e.g. "its replication link is down")
 */
public record ReplicaVerdict(String pool, String member, boolean unreadable, long lagSeconds, String reason) {
}
