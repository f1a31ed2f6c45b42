package io.jnutcracker.route;

import io.jnutcracker.backend.ServerHealth;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ServerConfig;
import io.jnutcracker.hash.ContinuumNode;
import io.jnutcracker.hash.KeyPlacer;
import io.jnutcracker.stats.PoolStats;
import io.jnutcracker.util.Clock;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool at run time (nutcracker {@code struct server_pool} and {@code nc_server.c}): its servers
 * in sorted order, the placer over the live ones, and ejection with retry.
 *
 * <p>Ejection follows nutcracker 0.5.0: with {@code auto_eject_hosts}, {@code server_failure_limit}
 * consecutive failures eject a server, the continuum is rebuilt over the rest (so its keys move),
 * and once {@code server_retry_timeout} has passed the next request rebuilds it with the server
 * back in, without any health check. The placer is swapped atomically; the hot path only reads a
 * volatile field and one long.
 */
public final class ServerPool implements ServerHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ServerPool.class);
    /** Returned by {@link #serverFor} when every server is ejected. */
    public static final int NO_SERVER = -1;

    private final PoolConfig config;
    private final List<Server> servers;
    private final Clock clock;
    private final PoolStats stats;
    /** Each member's slot in {@link #stats}. */
    private final int[] statsSlots;
    private volatile KeyPlacer placer;
    /** Monotonic ns of the earliest retry among ejected servers; {@code Long.MAX_VALUE} for none. */
    private volatile long nextRebuildNanos = Long.MAX_VALUE;

    /** Placement and ejection alone, counted nowhere (the {@code route} subcommand, tools, tests). */
    public ServerPool(PoolConfig config, Clock clock) {
        this(config, clock, new PoolStats(config.name()));
    }

    /** A generation's members, counted in {@code stats} (which this registers them with). */
    public ServerPool(PoolConfig config, Clock clock, PoolStats stats) {
        this.config = config;
        this.clock = clock;
        List<Server> list = new ArrayList<>();
        for (ServerConfig s : config.servers()) {
            list.add(new Server(list.size(), s));
        }
        this.servers = List.copyOf(list);
        this.stats = stats;
        this.statsSlots = stats.servers(servers.stream().map(Server::name).toList());
        rebuild();
    }

    public Clock clock() {
        return clock;
    }

    public PoolConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public List<Server> servers() {
        return servers;
    }

    public Server server(int index) {
        return servers.get(index);
    }


    /** Each member's slot in {@link #stats()}, in member order. */
    public int[] statsSlots() {
        return statsSlots.clone();
    }

    /**
     * Marks the member named {@code name} unreadable or readable again ({@code jn_max_replica_lag}, from
     * the background check); its keys stay where they are. Unknown names are ignored (a reload removed it).
     */
    public void unreadable(String name, boolean marked) {
        for (Server s : servers) {
            if (s.name().equals(name)) {
                s.unreadable(marked);
            }
        }
    }

    /** The index of the server that owns the key, or {@link #NO_SERVER} when all are ejected. */
    public int serverFor(ByteBuf buf, int index, int length) {
        if (clock.nanoTime() >= nextRebuildNanos) {
            readmitDue();
        }
        KeyPlacer current = placer;
        return current == null ? NO_SERVER : current.serverIndex(buf, index, length);
    }

    /** nutcracker {@code server_failure}: count, and eject when the limit is reached. */
    @Override
    public void failure(int index) {
        Server server = servers.get(index);
        int count = server.fail();
        if (!config.autoEjectHosts() || server.ejected()) {
            return;
        }
        // server_failure_limit 0 behaves like 1 in nutcracker.
        if (count >= Math.max(1, config.serverFailureLimit())) {
            eject(server);
        }
    }

    /** nutcracker {@code server_ok}. */
    @Override
    public void success(int index) {
        servers.get(index).ok();
    }

    private synchronized void eject(Server server) {
        if (server.ejected()) {
            return;
        }
        long retryAt = clock.nanoTime() + config.serverRetryTimeoutMs() * 1_000_000L;
        server.eject(retryAt, clock.epochMicros());
        stats.serverEjected(statsSlots[server.index()], server.ejectedAtMicros());
        LOG.warn("update pool '{}' to delete server '{}' for next {} secs after {} failures", config.name(),
                server, config.serverRetryTimeoutMs() / 1000, Math.max(1, config.serverFailureLimit()));
        rebuild();
    }

    private synchronized void readmitDue() {
        long now = clock.nanoTime();
        for (Server s : servers) {
            if (s.ejected() && now >= s.retryAtNanos()) {
                s.readmit();
                LOG.info("update pool '{}' to add server '{}'", config.name(), s);
            }
        }
        rebuild();
    }

    /** Rebuilds the placer over live servers; keeps none when all are ejected. */
    private synchronized void rebuild() {
        List<ContinuumNode> live = new ArrayList<>();
        long next = Long.MAX_VALUE;
        // With jn_read_fallback an ejected member keeps its keys: they are read from its master
        // instead of moving to replicas that do not hold them (docs/READ-POOLS.md).
        boolean keepKeys = config.extensions().readFallback() != null;
        for (Server s : servers) {
            if (s.ejected()) {
                next = Math.min(next, s.retryAtNanos());
            }
            if (!s.ejected() || keepKeys) {
                live.add(new ContinuumNode(s.index(), s.name(), s.config().weight()));
            }
        }
        placer = live.isEmpty() ? null
                : KeyPlacer.of(config.hash(), config.distribution(), config.hashTag(), live);
        nextRebuildNanos = next;
    }
}
