package io.jnutcracker.stats;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The statistics of one pool for as long as the pool's name is configured: a reload that changes
 * the pool's servers or settings keeps counting here (nutcracker cannot reload; its counters live as
 * long as the process). One {@link LoopStats} per event loop, plus a few shared counters for rare
 * events that any loop may notice (ejections).
 *
 * <p>Servers are counted by name: each name gets a slot the first time a configuration names it, and
 * keeps it, so a server kept across a reload keeps its counts; the output lists the servers of the
 * configuration in force ({@link #servers(List)}), in its order.
 */
public final class PoolStats {
    private final String name;
    private final Map<Executor, LoopStats> loops = new ConcurrentHashMap<>();
    private final AtomicLongArray sharedPool = new AtomicLongArray(Metric.slots(Metric.Scope.POOL));
    /** Every server name the pool has had, first seen first: slot {@code i} is name {@code i}. Grow-only. */
    private final List<String> slotNames = new ArrayList<>();
    /** Per slot, the shared server counters ({@code server_ejected_at}); copy-on-write for readers. */
    private volatile AtomicLongArray[] sharedServers = new AtomicLongArray[0];
    /** The configuration in force: its server names in order, and their slots. */
    private volatile Current current = new Current(List.of(), new int[0]);

    private record Current(List<String> names, int[] slots) {
    }

    public PoolStats(String name) {
        this.name = name;
    }

    /** A pool whose configuration names {@code serverNames}, in order. */
    public PoolStats(String name, List<String> serverNames) {
        this(name);
        servers(serverNames);
    }

    public String name() {
        return name;
    }

    /**
     * A configuration takes force with these servers (in nutcracker's sorted order); returns each
     * one's slot, for {@link #serverConnection}. Names seen before keep their counts.
     */
    public synchronized int[] servers(List<String> names) {
        int[] slots = new int[names.size()];
        for (int i = 0; i < slots.length; i++) {
            int slot = slotNames.indexOf(names.get(i));
            if (slot < 0) {
                slot = slotNames.size();
                slotNames.add(names.get(i));
                AtomicLongArray[] grown = java.util.Arrays.copyOf(sharedServers, slot + 1);
                grown[slot] = new AtomicLongArray(LoopStats.SERVER_SLOTS);
                sharedServers = grown;
            }
            slots[i] = slot;
        }
        current = new Current(List.copyOf(names), slots);
        return slots.clone();
    }

    /** The server names of the configuration in force, in order. */
    public List<String> serverNames() {
        return current.names();
    }

    /** Slots of {@link #serverNames()}, in the same order. */
    int[] currentSlots() {
        return current.slots();
    }

    /** A client accepted on its event loop; the returned object counts for it until it closes. */
    public ClientStats clientOpened(Channel channel) {
        return new ClientStats(loop(channel.eventLoop()));
    }

    /**
     * A client refused at accept (over {@code client_connections}, which nutcracker ignores): counted
     * in {@code total_connections} and as {@code client_err}, never as an open client.
     */
    public void clientRefused(Channel channel) {
        LoopStats loop = loop(channel.eventLoop());
        LoopStats.add(loop.connections, LoopStats.CLIENTS_ACCEPTED, 1);
        loop.addPool(Metric.CLIENT_ERR, 1);
    }

    /** A connection object to the server in {@code slot} created on {@code loop} (which calls this). */
    public ServerConnStats serverConnection(int slot, Executor loop) {
        LoopStats stats = loop(loop);
        stats.ensureServers(slot + 1);
        return new ServerConnStats(stats, slot);
    }

    /** Counts of one event loop that are not tied to a connection (fragments, forward errors). */
    public LoopCounters loopCounters(Executor loop) {
        return new LoopCounters(loop(loop));
    }

    /** nutcracker {@code server_failure}'s ejection: {@code server_ejects} and {@code server_ejected_at}. */
    public void serverEjected(int slot, long atMicros) {
        sharedPool.incrementAndGet(Metric.SERVER_EJECTS.slot());
        sharedServers[slot].accumulateAndGet(Metric.SERVER_EJECTED_AT.slot(), atMicros, Math::max);
    }

    LoopStats loop(Executor loop) {
        LoopStats stats = loops.get(loop);
        return stats != null ? stats : loops.computeIfAbsent(loop, l -> new LoopStats());
    }

    Iterable<LoopStats> loops() {
        return loops.values();
    }

    long sharedPool(int slot) {
        return sharedPool.get(slot);
    }

    /** Shared counter {@code metricSlot} of the server in {@code slot}. */
    long sharedServer(int slot, int metricSlot) {
        return sharedServers[slot].get(metricSlot);
    }
}
