package io.jnutcracker.topology;

import java.util.List;
import java.util.Map;

/**
 * The running proxy's latest background topology check ({@code jn_verify_interval}), as an immutable
 * snapshot for stats: {@code Nutcracker.topologyStatus()}. Counts from the last check are gauges
 * (what is wrong now); {@code checksRun} only grows.
 *
 * @param enabled some pool sets {@code jn_verify_interval}
 * @param intervalSeconds seconds between checks; 0 when disabled
 * @param checksRun checks completed since start
 * @param lastCheckMillis wall time the last check finished (epoch ms); 0 before the first
 * @param misPairings members of the verified pools with a pairing problem (replicating another
 *     master than their namesake's, named unlike it, unnamed, or replicating the same master as another)
 * @param linksDown replicas of the verified pools whose link to their master (or an upstream one) is down
 * @param unreachable members of the verified pools that did not answer
 * @param problems all problems found in the verified pools (lines to change, as {@code check} prints them)
 * @param missShares per verified read pool paired with a master pool: predicted share of reads that miss
 * @param problemTexts one line per problem: {@code file:line: kind: message}
 * @param replicaMarks times a read member was marked unreadable since start ({@code jn_max_replica_lag};
 *     only grows)
 * @param replicas the last check's verdict on each member of the pools with {@code jn_max_replica_lag}
 */
public record TopologyStatus(boolean enabled, int intervalSeconds, long checksRun, long lastCheckMillis,
                             int misPairings, int linksDown, int unreachable, int problems,
                             Map<String, Double> missShares, List<String> problemTexts, long replicaMarks,
                             List<ReplicaVerdict> replicas) {

    /** No pool asked for background checks. */
    public static final TopologyStatus DISABLED = new TopologyStatus(false, 0, 0, 0, 0, 0, 0, 0, Map.of(), List.of());

    public TopologyStatus {
        missShares = Map.copyOf(missShares);
        problemTexts = List.copyOf(problemTexts);
        replicas = List.copyOf(replicas);
    }

    /** Without replication-aware reads (no pool sets {@code jn_max_replica_lag}). */
    public TopologyStatus(boolean enabled, int intervalSeconds, long checksRun, long lastCheckMillis,
                          int misPairings, int linksDown, int unreachable, int problems,
                          Map<String, Double> missShares, List<String> problemTexts) {
        this(enabled, intervalSeconds, checksRun, lastCheckMillis, misPairings, linksDown, unreachable, problems,
                missShares, problemTexts, 0, List.of());
    }

    /** Read members marked unreadable at the last check (a gauge). */
    public int replicasUnreadable() {
        return (int) replicas.stream().filter(ReplicaVerdict::unreadable).count();
    }

    /** The last verdict on {@code pool}'s member {@code member}, or null when it is not judged. */
    public ReplicaVerdict replica(String pool, String member) {
        for (ReplicaVerdict v : replicas) {
            if (v.pool().equals(pool) && v.member().equals(member)) {
                return v;
            }
        }
        return null;
    }

    /** True when the last check found nothing wrong (and there was one). */
    public boolean clear() {
        return checksRun > 0 && problems == 0;
    }
}
