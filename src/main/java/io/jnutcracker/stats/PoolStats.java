package io.jnutcracker.stats;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The statistics of one pool: one {@link LoopStats} per event loop that has served it, plus a few
 * shared counters for rare events that happen on whichever loop notices them (ejections). The data
 * path reaches it through {@code ServerPool.stats()} and counts through the per-connection objects
 * it hands out ({@link ClientStats}, {@link ServerConnStats}); the stats thread sums it up.
 *
 * <p>It also knows the pool's open clients, so a graceful shutdown can stop reading from them.
 */
public final class PoolStats {
    private final String name;
    private final List<String> serverNames;
    private final Map<Executor, LoopStats> loops = new ConcurrentHashMap<>();
    private final AtomicLongArray sharedPool = new AtomicLongArray(Metric.slots(Metric.Scope.POOL));
    private final AtomicLongArray sharedServers;
    private final Set<ClientStats> clients = ConcurrentHashMap.newKeySet();

    /** {@code serverNames} in the pool's (nutcracker's sorted) order: index {@code i} is server {@code i}. */
    public PoolStats(String name, List<String> serverNames) {
        this.name = name;
        this.serverNames = List.copyOf(serverNames);
        this.sharedServers = new AtomicLongArray(serverNames.size() * LoopStats.SERVER_SLOTS);
    }

    public String name() {
        return name;
    }

    public List<String> serverNames() {
        return serverNames;
    }

    /** A client accepted on its event loop; the returned object counts for it until it closes. */
    public ClientStats clientOpened(Channel channel) {
        ClientStats client = new ClientStats(this, loop(channel.eventLoop()), channel);
        clients.add(client);
        return client;
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

    /** A connection object to server {@code server} created on {@code loop}. */
    public ServerConnStats serverConnection(int server, Executor loop) {
        return new ServerConnStats(loop(loop), server);
    }

    /** nutcracker {@code server_failure}'s ejection: {@code server_ejects} and {@code server_ejected_at}. */
    public void serverEjected(int server, long atMicros) {
        sharedPool.incrementAndGet(Metric.SERVER_EJECTS.slot());
        sharedServers.accumulateAndGet(server * LoopStats.SERVER_SLOTS + Metric.SERVER_EJECTED_AT.slot(), atMicros,
                Math::max);
    }

    /** A forward error noticed off the per-client path (no live server for a fragment); any thread. */
    public void forwardError() {
        sharedPool.incrementAndGet(Metric.FORWARD_ERROR.slot());
    }

    LoopStats loop(Executor loop) {
        LoopStats stats = loops.get(loop);
        return stats != null ? stats : loops.computeIfAbsent(loop, l -> new LoopStats(serverNames.size()));
    }

    Iterable<LoopStats> loops() {
        return loops.values();
    }

    long sharedPool(int slot) {
        return sharedPool.get(slot);
    }

    long sharedServer(int index) {
        return sharedServers.get(index);
    }

    void clientClosed(ClientStats client) {
        clients.remove(client);
    }

    /** Stops reading from every open client: requests already read are still answered. */
    public void pauseClients() {
        for (ClientStats c : clients) {
            c.pauseReading();
        }
    }

    /** Requests forwarded and not answered yet, over every loop, read live (not from a snapshot). */
    public long outstanding() {
        long n = 0;
        for (LoopStats l : loops.values()) {
            for (int s = 0; s < serverNames.size(); s++) {
                n += l.readServer(s, Metric.IN_QUEUE) + l.readServer(s, Metric.OUT_QUEUE);
            }
        }
        return n;
    }
}
