package io.jnutcracker.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Sums every pool's per-loop counters into an immutable {@link Snapshot} (nutcracker's
 * {@code stats_aggregate}), and folds each loop's latency recorder into a per-server window. Run by
 * the stats thread every {@code -i} ms; {@link #latest()} is what readers see meanwhile.
 */
final class StatsAggregator {
    /** Latency percentiles cover the last one to two of these. */
    static final long LATENCY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** The pools in force, read at every aggregation: a config reload may add, remove or replace them. */
    private final Supplier<List<PoolStats>> pools;
    /** The process-level values (reloads, topology check), read at every aggregation. */
    private final Supplier<ProcessStats> process;
    /** Latency windows by pool and server slot; dropped with the pool. */
    private final Map<PoolStats, LatencyWindow[]> windows = new IdentityHashMap<>();
    private final Histogram scratch = new Histogram(2);
    private volatile Snapshot latest;

    StatsAggregator(Supplier<List<PoolStats>> pools, Supplier<ProcessStats> process) {
        this.pools = pools;
        this.process = process;
        aggregate();
    }

    /** Pools only: no process-level values ({@link ProcessStats#NONE}). */
    StatsAggregator(Supplier<List<PoolStats>> pools) {
        this(pools, () -> ProcessStats.NONE);
    }

    /** The pool's latency windows by server slot, at least {@code slots} of them. */
    private LatencyWindow[] windowsOf(PoolStats p, int slots) {
        LatencyWindow[] w = windows.get(p);
        if (w == null || w.length < slots) {
            int from = w == null ? 0 : w.length;
            w = w == null ? new LatencyWindow[slots] : java.util.Arrays.copyOf(w, slots);
            for (int i = from; i < slots; i++) {
                w[i] = new LatencyWindow();
            }
            windows.put(p, w);
        }
        return w;
    }

    Snapshot latest() {
        return latest;
    }

    /** Builds and publishes a new snapshot; one thread at a time. */
    synchronized Snapshot aggregate() {
        long now = System.nanoTime();
        int serverSlots = Metric.slots(Metric.Scope.SERVER);
        long clientsAccepted = 0;
        long serverConnsCreated = 0;
        long serverConnsLive = 0;
        long clientsOpen = 0;
        List<PoolStats> pools = this.pools.get();
        int listeners = pools.size();
        Set<PoolStats> live = Collections.newSetFromMap(new IdentityHashMap<>());
        live.addAll(pools);
        windows.keySet().retainAll(live);
        List<Snapshot.Pool> poolSnapshots = new ArrayList<>(pools.size());
        for (int p = 0; p < pools.size(); p++) {
            PoolStats pool = pools.get(p);
            List<String> names = pool.serverNames();
            int[] slots = pool.currentSlots();
            int servers = slots.length;
            long[] poolValues = new long[Metric.slots(Metric.Scope.POOL)];
            long[][] serverValues = new long[servers][serverSlots];
            long[] commands = new long[LoopStats.UNKNOWN_COMMAND + 1];
            int maxSlot = 0;
            for (int slot : slots) {
                maxSlot = Math.max(maxSlot, slot + 1);
            }
            LatencyWindow[] latency = windowsOf(pool, maxSlot);
            for (LatencyWindow w : latency) {
                w.rotateIfDue(now);
            }
            for (LoopStats loop : pool.loops()) {
                sum(poolValues, loop.pool, Metric.Scope.POOL, 0);
                long[] loopServers = loop.servers;
                org.HdrHistogram.SingleWriterRecorder[] recorders = loop.latency;
                for (int s = 0; s < servers; s++) {
                    int slot = slots[s];
                    if (slot >= recorders.length || (slot + 1) * serverSlots > loopServers.length) {
                        continue; // this loop has not talked to that server yet
                    }
                    sum(serverValues[s], loopServers, Metric.Scope.SERVER, slot * serverSlots);
                    recorders[slot].getIntervalHistogramInto(scratch);
                    latency[slot].current.add(scratch);
                }
                for (int c = 0; c < commands.length; c++) {
                    commands[c] += LoopStats.read(loop.commands, c);
                }
                clientsAccepted += LoopStats.read(loop.connections, LoopStats.CLIENTS_ACCEPTED);
                serverConnsCreated += LoopStats.read(loop.connections, LoopStats.SERVER_CONNS_CREATED);
                serverConnsLive += LoopStats.read(loop.connections, LoopStats.SERVER_CONNS_LIVE);
            }
            for (Metric m : Metric.of(Metric.Scope.POOL)) {
                if (m.slot() >= 0) {
                    poolValues[m.slot()] = combine(m, poolValues[m.slot()], pool.sharedPool(m.slot()));
                }
            }
            clientsOpen += poolValues[Metric.CLIENT_CONNECTIONS.slot()];
            List<Snapshot.Server> serverSnapshots = new ArrayList<>(servers);
            for (int s = 0; s < servers; s++) {
                for (Metric m : Metric.of(Metric.Scope.SERVER)) {
                    if (m.slot() >= 0) {
                        serverValues[s][m.slot()] = combine(m, serverValues[s][m.slot()],
                                pool.sharedServer(slots[s], m.slot()));
                    }
                }
                serverSnapshots.add(latency[slots[s]].snapshot(names.get(s), serverValues[s]));
            }
            poolSnapshots.add(new Snapshot.Pool(pool.name(), poolValues, commands, serverSnapshots));
        }
        long[] top = new long[Metric.slots(Metric.Scope.TOP)];
        // nutcracker counts every connection object: listeners, clients and servers.
        top[Metric.TOTAL_CONNECTIONS.slot()] = listeners + clientsAccepted + serverConnsCreated;
        top[Metric.CURR_CONNECTIONS.slot()] = listeners + clientsOpen + serverConnsLive;
        Snapshot snapshot = new Snapshot(System.currentTimeMillis(), top, poolSnapshots, process.get());
        latest = snapshot;
        return snapshot;
    }

    private static void sum(long[] into, long[] from, Metric.Scope scope, int offset) {
        for (Metric m : Metric.of(scope)) {
            int slot = m.slot();
            if (slot >= 0) {
                into[slot] = combine(m, into[slot], LoopStats.read(from, offset + slot));
            }
        }
    }

    private static long combine(Metric m, long a, long b) {
        return m.type() == Metric.Type.TIMESTAMP ? Math.max(a, b) : a + b;
    }

    /**
     * One server's latency over the last one to two minutes: two histograms, the current one and
     * the one before, rotated every {@link #LATENCY_WINDOW_NANOS}. Stats thread only.
     */
    private static final class LatencyWindow {
        private Histogram current = new Histogram(2);
        private Histogram previous = new Histogram(2);
        private long rotateAt = System.nanoTime() + LATENCY_WINDOW_NANOS;

        void rotateIfDue(long now) {
            if (now - rotateAt >= 0) {
                Histogram h = previous;
                previous = current;
                current = h;
                current.reset();
                rotateAt = now + LATENCY_WINDOW_NANOS;
            }
        }

        Snapshot.Server snapshot(String name, long[] values) {
            Histogram both = previous.copy();
            both.add(current);
            long count = both.getTotalCount();
            if (count == 0) {
                return new Snapshot.Server(name, values, 0, 0, 0, 0);
            }
            return new Snapshot.Server(name, values, count, both.getValueAtPercentile(50.0),
                    both.getValueAtPercentile(99.0), both.getValueAtPercentile(99.9));
        }
    }
}
