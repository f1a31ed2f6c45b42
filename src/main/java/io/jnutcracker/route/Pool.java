package io.jnutcracker.route;

import io.jnutcracker.backend.Workers;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.stats.PoolStats;
import io.jnutcracker.util.Clock;
import java.net.InetSocketAddress;
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
    /** Members the background check marked unreadable, by name; carried over to each new generation. */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    /** The configuration as the file has it (what a reload compares); guarded by {@code this}. */
    private volatile PoolConfig configured;
    /** Members a Sentinel has moved (jn_sentinels), applied to every generation; guarded by {@code this}. */
    private Addresses moved = Addresses.NONE;
    private final DedicatedConnections dedicated;

    public Pool(PoolConfig config, Protocol protocol, Workers workers, Clock clock) {
        this.name = config.name();
        this.protocol = protocol;
        this.workers = workers;
        this.clock = clock;
        this.stats = new PoolStats(name);
        this.configured = config;
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

    /**
     * The configuration as written in the file; the generation in force may have members a Sentinel
     * moved ({@link #relocate}).
     */
    public PoolConfig config() {
        return configured;
    }

    /**
     * Installs {@code next} for requests that arrive from now on; those already forwarded finish on
     * the old generation's connections, which then close. Clients stay connected.
     */
    public synchronized void install(PoolConfig next) {
        configured = next;
        swap(moved.applyTo(next));
    }

    /**
     * jn_sentinels: member {@code server} (of this pool, or with {@code ofFallback} of its read
     * fallback's target) now lives at {@code at}. As a reload does, this installs a generation equal
     * to the one in force but for that address: ketama hashes the name, so no key moves; requests
     * already sent finish (or fail, in order) on the old connections; clients stay connected. Returns
     * false when the member is already there (nothing is rebuilt).
     */
    public synchronized boolean relocate(String server, boolean ofFallback, InetSocketAddress at) {
        Addresses next = moved.with(ofFallback, server, at);
        PoolConfig target = next.applyTo(configured);
        if (target.sameSettings(generation.config())) {
            moved = next;
            return false;
        }
        moved = next;
        swap(target);
        return true;
    }

    private void swap(PoolConfig next) {
        Generation old = generation;
        Generation fresh = new Generation(next, protocol, stats, workers, clock);
        if (!next.extensions().replicaReads().marks()) {
            unreadable.clear(); // jn_max_replica_lag was removed: nothing will ever clear a mark again
        }
        unreadable.forEach(member -> fresh.servers().unreadable(member, true));
        generation = fresh;
        if (next.preconnect()) {
            generation.preconnect();
        }
        old.retire();
    }

    /**
     * The background check marked member {@code member} unreadable ({@code marked}), or readable again
     * ({@code jn_max_replica_lag}); holds for this generation and the next ones until changed.
     */
    public synchronized void unreadable(String member, boolean marked) {
        if (marked) {
            unreadable.add(member);
        } else {
            unreadable.remove(member);
        }
        generation.servers().unreadable(member, marked);
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
