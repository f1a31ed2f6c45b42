package io.jnutcracker.topology;

/**
 * Where the background check sends its verdicts on read members ({@code jn_max_replica_lag}): the
 * running proxy marks the member in its pool, so that the data path sends its reads to its master.
 * Told after every check, about every judged member, changed or not (a reload starts a new check
 * that knows nothing of the marks already made). Called on the check's thread.
 */
@FunctionalInterface
public interface ReplicaListener {
    /** Does nothing (tests, and {@code check}). */
    ReplicaListener NONE = verdict -> { };

    void verdict(ReplicaVerdict verdict);
}
