package io.jnutcracker.stats;

import io.jnutcracker.topology.TopologyStatus;
import java.util.Objects;

/**
 * The process-level values of a running proxy, beyond nutcracker: configuration reloads and the
 * latest background topology check. An immutable snapshot, made by {@code Nutcracker.processStats()}
 * and read by the stats thread at each aggregation; the {@link Metric} table's jnutcracker-only
 * {@link Metric.Scope#TOP} metrics (and the per-pool miss share) take their values from it here.
 *
 * @param reloads reloads attempted, failed ones included
 * @param reloadFailures reloads not applied
 * @param lastReloadMillis wall time of the last reload (epoch ms), 0 if none
 * @param lastReloadError why the last reload was not applied; empty (or null) when it was, or when there was none
 * @param topology the latest background topology check ({@link TopologyStatus#DISABLED} when off)
 */
public record ProcessStats(long reloads, long reloadFailures, long lastReloadMillis, String lastReloadError,
                           TopologyStatus topology) {

    /** No reload yet, no topology check: what a proxy reports before either happens. */
    public static final ProcessStats NONE = new ProcessStats(0, 0, 0, "", TopologyStatus.DISABLED);

    public ProcessStats {
        lastReloadError = lastReloadError == null ? "" : lastReloadError;
        Objects.requireNonNull(topology, "topology");
    }

    /** The value of one of the table's stored process-level metrics. */
    long value(Metric m) {
        return switch (m) {
            case RELOADS -> reloads;
            case RELOAD_FAILURES -> reloadFailures;
            case LAST_RELOAD -> lastReloadMillis / 1000;
            case TOPOLOGY_INTERVAL -> topology.intervalSeconds();
            case TOPOLOGY_CHECKS -> topology.checksRun();
            case TOPOLOGY_LAST_CHECK -> topology.lastCheckMillis() / 1000;
            case TOPOLOGY_MISPAIRED -> topology.misPairings();
            case TOPOLOGY_LINKS_DOWN -> topology.linksDown();
            case TOPOLOGY_UNREACHABLE -> topology.unreachable();
            case TOPOLOGY_PROBLEMS -> topology.problems();
            case REPLICAS_UNREADABLE -> topology.replicasUnreadable();
            case REPLICA_MARKS -> topology.replicaMarks();
            default -> throw new IllegalArgumentException(m + " is not a process-level value");
        };
    }

    /** The text of one of the table's process-level {@link Metric.Type#ERROR_TEXT} metrics. */
    String text(Metric m) {
        return switch (m) {
            case LAST_RELOAD_ERROR -> lastReloadError;
            default -> throw new IllegalArgumentException(m + " is not a process-level text");
        };
    }

    /** The background check's last verdict on a read member ({@link Metric.Type#REPLICA}), or null. */
    io.jnutcracker.topology.ReplicaVerdict replica(String pool, String member) {
        return topology.replica(pool, member);
    }

    /** {@link Metric#TOPOLOGY_MISS} of a pool: its predicted share of missed keys, or null when it has none. */
    Double missShare(String pool) {
        return topology.missShares().get(pool);
    }
}
