package io.jnutcracker.stats;

import io.jnutcracker.command.CommandTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregated statistics at one moment (nutcracker's {@code sum} shadow): immutable, built by
 * the stats thread every {@code -i} ms and read by the stats port and the Prometheus endpoint.
 * Pools and servers are in nutcracker's sorted order.
 *
 * @param takenAtMillis wall time of the aggregation
 * @param top values of the {@link Metric.Scope#TOP} metrics that have slots, by slot; the slots of
 *     the process-level ones are filled from {@code process}, those of totals from {@code pools}
 * @param process the process-level values (reloads, topology check) read with this aggregation
 */
public record Snapshot(long takenAtMillis, long[] top, List<Pool> pools, ProcessStats process) {

    public Snapshot {
        pools = List.copyOf(pools);
        top = top.clone();
        for (Metric m : Metric.of(Metric.Scope.TOP)) {
            if (!m.nutcracker() && m.slot() >= 0) {
                top[m.slot()] = m.totalOf() != null ? total(pools, m.totalOf()) : process.value(m);
            }
        }
    }

    private static long total(List<Pool> pools, Metric of) {
        long sum = 0;
        for (Pool p : pools) {
            sum += p.get(of);
        }
        return sum;
    }

    /** Without process-level values ({@link ProcessStats#NONE}). */
    public Snapshot(long takenAtMillis, long[] top, List<Pool> pools) {
        this(takenAtMillis, top, pools, ProcessStats.NONE);
    }

    /** A stored top-level value ({@code total_connections}, {@code curr_connections}, {@code reloads}, ...). */
    public long get(Metric metric) {
        return top[slotOf(metric, Metric.Scope.TOP)];
    }

    /** A top-level {@link Metric.Type#ERROR_TEXT} ({@code last_reload_error}): empty while all is well. */
    public String text(Metric metric) {
        if (metric.scope() != Metric.Scope.TOP || metric.type() != Metric.Type.ERROR_TEXT) {
            throw new IllegalArgumentException(metric + " is not a top-level text");
        }
        return process.text(metric);
    }

    public Pool pool(String name) {
        return pools.stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pool " + name));
    }

    /** One pool's values, by slot, and its servers. */
    public record Pool(String name, long[] values, long[] commands, List<Server> servers) {
        public Pool {
            servers = List.copyOf(servers);
        }

        public long get(Metric metric) {
            return values[slotOf(metric, Metric.Scope.POOL)];
        }

        /** Requests received by command name (lower case; {@code unknown} for the rest), non-zero only. */
        public Map<String, Long> commandCounts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = 0; i < commands.length; i++) {
                if (commands[i] != 0) {
                    counts.put(commandLabel(i), commands[i]);
                }
            }
            return counts;
        }

        public Server server(String name) {
            return servers.stream().filter(s -> s.name.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no server " + name));
        }
    }

    /**
     * One server's values, by slot, and its latency percentiles (µs) over the last 1 to 2 minutes.
     *
     * @param latencyWindowCount how many latencies the percentiles are computed from; 0 means none
     */
    public record Server(String name, long[] values, long latencyWindowCount, long p50Micros, long p99Micros,
                         long p999Micros) {
        public long get(Metric metric) {
            return values[slotOf(metric, Metric.Scope.SERVER)];
        }
    }

    static String commandLabel(int index) {
        return index == LoopStats.UNKNOWN_COMMAND ? "unknown"
                : CommandTable.all().get(index).name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int slotOf(Metric metric, Metric.Scope scope) {
        if (metric.scope() != scope || metric.slot() < 0) {
            throw new IllegalArgumentException(metric + " is not a stored " + scope + " metric");
        }
        return metric.slot();
    }
}
