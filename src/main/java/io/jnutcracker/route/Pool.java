package io.jnutcracker.route;

import io.jnutcracker.backend.Workers;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.stats.PoolStats;
import io.jnutcracker.util.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pool for as long as its name is configured (nutcracker's {@code struct server_pool}, which
 * lives as long as the process): its statistics, its clients, and the {@link Generation} in force,
 * swapped by one volatile write at each reload that changes it. Counters, stop and drain go through
 * the pool, never a generation, so a reload neither resets counts nor hides the clients that
 * connected before it.
 */
public final class Pool {
    private final String name;
    private final Protocol protocol;
    private final PoolStats stats;
    private final Workers workers;
    private final Clock clock;
    private final Set<PoolClient> clients = ConcurrentHashMap.newKeySet();
    private volatile Generation generation;
    private final DedicatedConnections dedicated;

    public Pool(PoolConfig config, Protocol protocol, Workers workers, Clock clock) {
        this.name = config.name();
        this.protocol = protocol;
        this.workers = workers;
        this.clock = clock;
        this.stats = new PoolStats(name);
        this.generation = new Generation(config, protocol, stats, workers, clock);
        this.dedicated = new DedicatedConnections(stats);
    }

    /** Server connections held by single clients, under the pool's cap (all generations together). */
    public DedicatedConnections dedicated() {
        return dedicated;
    }

    public String name() {
        return name;
    }

    public Protocol protocol() {
        return protocol;
    }

    public PoolStats stats() {
        return stats;
    }

    /** The configuration generation in force; read it once per request. */
    public Generation generation() {
        return generation;
    }

    /** The configuration in force. */
    public PoolConfig config() {
        return generation.config();
    }

    /**
     * Installs {@code next} for requests that arrive from now on; those already forwarded finish on
     * the old generation's connections, which then close. Clients stay connected.
     */
    public synchronized void install(PoolConfig next) {
        Generation old = generation;
        generation = new Generation(next, protocol, stats, workers, clock);
        if (next.preconnect()) {
            generation.preconnect();
        }
        old.retire();
    }

    public void preconnect() {
        generation.preconnect();
    }

    public void register(PoolClient client) {
        clients.add(client);
    }

    public void unregister(PoolClient client) {
        clients.remove(client);
    }

    /** Clients connected now. */
    public int clients() {
        return clients.size();
    }

    /** Stops reading from every client, for good (graceful stop). */
    public void stopReading() {
        clients.forEach(PoolClient::stopReading);
    }

    /** Every client gets its waiting replies, then is closed (the pool is being removed). */
    public void drain() {
        clients.forEach(PoolClient::drain);
    }

    /** Requests read from clients and not yet answered to them, over every client. */
    public long waiting() {
        long n = 0;
        for (PoolClient c : clients) {
            n += c.waiting();
        }
        return n;
    }

    /** Closes every server connection; whatever still waits is answered with an error. */
    public void close() {
        generation.close();
    }
}
