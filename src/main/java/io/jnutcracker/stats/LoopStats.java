package io.jnutcracker.stats;

import io.jnutcracker.command.Command;
import io.jnutcracker.command.CommandTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The counters of one pool on one event loop. Only that loop writes them, so a count is a plain
 * add with no contention; each store is a release store (a plain {@code mov} on x86) and the stats
 * thread reads with acquire loads, so it sees whole values, never torn ones, at most one interval
 * late. Gauges work the same way because a connection is opened and closed on the same loop.
 */
final class LoopStats {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int POOL_SLOTS = Metric.slots(Metric.Scope.POOL);
    static final int SERVER_SLOTS = Metric.slots(Metric.Scope.SERVER);
    /** Index of requests whose command is not in the table, after every {@link Command}. */
    static final int UNKNOWN_COMMAND = CommandTable.all().size();

    /** Hidden connection counts behind {@code total_connections} and {@code curr_connections}. */
    static final int CLIENTS_ACCEPTED = 0;
    static final int SERVER_CONNS_CREATED = 1;
    static final int SERVER_CONNS_LIVE = 2;

    final long[] pool = new long[POOL_SLOTS];
    /**
     * Server slot {@code i}'s metric slot {@code s} is at {@code i * SERVER_SLOTS + s}. Grown (copied)
     * by the owning loop only, when a reload names a new server; readers take the reference once.
     */
    volatile long[] servers = new long[0];
    final long[] commands = new long[UNKNOWN_COMMAND + 1];
    final long[] connections = new long[3];
    /** Per-server latency in µs, recorded by this loop only (hence single-writer recorders). */
    volatile SingleWriterRecorder[] latency = new SingleWriterRecorder[0];

    /** Makes room for server slots {@code 0 .. count-1}; owning loop only. */
    void ensureServers(int count) {
        SingleWriterRecorder[] l = latency;
        if (l.length >= count) {
            return;
        }
        long[] grown = java.util.Arrays.copyOf(servers, count * SERVER_SLOTS);
        SingleWriterRecorder[] recorders = java.util.Arrays.copyOf(l, count);
        for (int i = l.length; i < count; i++) {
            // 2 significant digits (1% resolution), packed and auto-resizing: a few KB per server
            // until it has seen a wide range of values.
            recorders[i] = new SingleWriterRecorder(2, true);
        }
        servers = grown;
        latency = recorders;
    }

    /** Adds {@code delta} to {@code array[index]}; only the owning loop calls this. */
    static void add(long[] array, int index, long delta) {
        LONGS.setRelease(array, index, array[index] + delta);
    }

    /** The value as the stats thread sees it. */
    static long read(long[] array, int index) {
        return (long) LONGS.getAcquire(array, index);
    }

    void addPool(Metric metric, long delta) {
        add(pool, metric.slot(), delta);
    }

    void addServer(int server, Metric metric, long delta) {
        add(servers, server * SERVER_SLOTS + metric.slot(), delta);
    }

    long readServer(int server, Metric metric) {
        long[] s = servers;
        int index = server * SERVER_SLOTS + metric.slot();
        return index < s.length ? read(s, index) : 0;
    }
}
