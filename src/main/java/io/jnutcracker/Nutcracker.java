package io.jnutcracker;

import io.jnutcracker.backend.Transport;
import io.jnutcracker.backend.Workers;
import io.jnutcracker.client.ProxyServer;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.route.Pool;
import io.jnutcracker.route.MemcacheProtocol;
import io.jnutcracker.route.RedisProtocol;
import io.jnutcracker.topology.ReplicaVerdict;
import io.jnutcracker.sentinel.SentinelMonitor;
import io.jnutcracker.topology.TopologyMonitor;
import io.jnutcracker.topology.TopologyStatus;
import io.jnutcracker.util.Clock;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running proxy (nutcracker {@code nc_core.c}): the event loops and one {@link ProxyServer} per
 * pool. nutcracker runs one epoll loop; we run one acceptor and {@code workers} I/O loops, each
 * client and its server connections on one of them.
 *
 * <p>Beyond nutcracker (which cannot reload, #6): {@link #reload} applies a new configuration pool
 * by pool without dropping clients.
 */
public final class Nutcracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Nutcracker.class);
    /** How long a removed pool's clients get to receive their waiting replies, in ms. */
    static final long DRAIN_MS = 5000;

    private final EventLoopGroup boss;
    private final Workers workers;
    private final Clock clock;
    /** By pool name, in the order of the configuration in force. */
    private final Map<String, ProxyServer> servers = new LinkedHashMap<>();
    /** Reload counts and the last reload, replaced together so stats never mix two reloads. */
    private volatile ReloadHistory reloadHistory = new ReloadHistory(0, 0, null);
    private volatile ProxyConfig config;
    // jnutcracker extension: background topology check (jn_verify_interval; io.jnutcracker.topology)
    private volatile TopologyMonitor topology = TopologyMonitor.OFF;
    // jnutcracker extension: members that follow Redis Sentinel (jn_sentinels; io.jnutcracker.sentinel)
    private volatile SentinelMonitor sentinels = SentinelMonitor.OFF;

    private Nutcracker(int workerThreads, Clock clock, int mbufSize, Transport transport) {
        this.clock = clock;
        this.boss = transport.newGroup(1, new DefaultThreadFactory("jn-accept"));
        this.workers = new Workers(transport.newGroup(workerThreads, new DefaultThreadFactory("jn-io")), transport,
                mbufSize);
    }

    /**
     * Binds every pool, in nutcracker's sorted order; any bind failure stops everything and throws,
     * as nutcracker aborts start-up.
     */
    public static Nutcracker start(ProxyConfig config, Clock clock, int workerThreads)
            throws IOException, InterruptedException {
        return start(config, clock, workerThreads, Workers.DEFAULT_MBUF_SIZE);
    }

    /** As {@link #start(ProxyConfig, Clock, int)}, reading sockets {@code mbufSize} bytes at a time at most ({@code -m}). */
    public static Nutcracker start(ProxyConfig config, Clock clock, int workerThreads, int mbufSize)
            throws IOException, InterruptedException {
        return start(config, clock, workerThreads, mbufSize, Transport.best());
    }

    /**
     * As {@link #start(ProxyConfig, Clock, int, int)} on {@code transport} ({@code --transport}), which
     * the caller has checked is available here ({@link Transport#unavailabilityCause()}).
     */
    public static Nutcracker start(ProxyConfig config, Clock clock, int workerThreads, int mbufSize,
                                   Transport transport) throws IOException, InterruptedException {
        Nutcracker nc = new Nutcracker(workerThreads, clock, mbufSize, transport);
        try {
            for (PoolConfig pool : config.pools()) {
                nc.servers.put(pool.name(), nc.bind(pool));
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            nc.close();
            throw e;
        }
        nc.config = config;
        nc.sentinels = SentinelMonitor.start(nc.pools(), clock); // before "started": first answers in
        LOG.info("jnutcracker started on pid {} with {} pools, transport {}", ProcessHandle.current().pid(),
                nc.servers.size(), nc.workers.transport().flagName());
        nc.topology = TopologyMonitor.start(config, clock, nc::replicaVerdict); // jnutcracker extension; OFF unless a pool asks
        return nc;
    }

    private synchronized List<Pool> pools() {
        return servers.values().stream().map(ProxyServer::pool).toList();
    }

    private ProxyServer bind(PoolConfig pool) throws IOException, InterruptedException {
        ProxyServer server = new ProxyServer(new Pool(pool, pool.redis() ? RedisProtocol.INSTANCE : MemcacheProtocol.INSTANCE, workers, clock), workers);
        server.bind(boss);
        return server;
    }

    /**
     * Default I/O threads ({@code --io-threads}): half the cores, at least one. Each loop's work comes
     * with as much kernel work again (the sockets' TCP processing, a loopback peer's included), and a
     * proxy usually shares its machine with clients or servers; on 2 cores one loop beat two at every
     * case (GET -P 1 1.05-1.15x nutcracker against 0.83-0.93x, -P 16 2.06x against 1.80x;
     * bench/RESULTS.md). nutcracker itself runs one.
     */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public synchronized List<ProxyServer> servers() {
        return List.copyOf(servers.values());
    }

    /** The statistics of the pools in force, in order (read by the stats thread at each aggregation). */
    public List<io.jnutcracker.stats.PoolStats> poolStats() {
        return servers().stream().map(s -> s.pool().stats()).toList();
    }

    public ProxyConfig config() {
        return config;
    }

    /**
     * Applies {@code next}, pool by pool: new pools start listening, removed pools drain and close,
     * changed pools switch to the new servers and settings for requests that arrive from now on,
     * unchanged pools are not touched. A pool whose new {@code listen} cannot be bound keeps its
     * old configuration and the reload reports the error.
     */
    public synchronized Reload reload(ProxyConfig next) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : List.copyOf(servers.keySet())) {
            if (next.pool(name).isEmpty()) {
                servers.remove(name).drainAndClose(DRAIN_MS);
                removed.add(name);
            }
        }
        Map<String, ProxyServer> ordered = new LinkedHashMap<>();
        for (PoolConfig pool : next.pools()) {
            ProxyServer current = servers.get(pool.name());
            try {
                if (current == null) {
                    ordered.put(pool.name(), bind(pool));
                    added.add(pool.name());
                } else if (current.pool().config().sameSettings(pool)) {
                    ordered.put(pool.name(), current);
                    unchanged.add(pool.name());
                } else {
                    current.reconfigure(boss, pool);
                    ordered.put(pool.name(), current);
                    changed.add(pool.name());
                }
            } catch (IOException | RuntimeException e) {
                errors.add("pool '" + pool.name() + "': " + e.getMessage());
                if (current != null) {
                    ordered.put(pool.name(), current);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add("interrupted");
            }
        }
        servers.clear();
        servers.putAll(ordered);
        config = next;
        topology.close();
        topology = TopologyMonitor.start(next, clock, this::replicaVerdict);
        sentinels.close();
        sentinels = SentinelMonitor.start(pools(), clock);
        Reload reload = new Reload(System.currentTimeMillis(), added, removed, changed, unchanged,
                errors.isEmpty() ? null : String.join("; ", errors));
        record(reload);
        return reload;
    }

    /**
     * jnutcracker extension ({@code jn_max_replica_lag}): the background check's verdict on a read
     * member, applied to its pool (called on the check's thread).
     */
    private void replicaVerdict(ReplicaVerdict verdict) {
        for (ProxyServer s : servers()) {
            if (s.pool().name().equals(verdict.pool())) {
                s.pool().unreadable(verdict.member(), verdict.unreadable());
            }
        }
    }

    /** Records a reload that could not even start (the new file is invalid). */
    public synchronized Reload reloadFailed(String error) {
        Reload reload = new Reload(System.currentTimeMillis(), List.of(), List.of(), List.of(), List.of(), error);
        record(reload);
        return reload;
    }

    /** Counts and last reload as one value. */
    private record ReloadHistory(long count, long failures, Reload last) {
    }

    private void record(Reload reload) {
        ReloadHistory h = reloadHistory;
        reloadHistory = new ReloadHistory(h.count() + 1, h.failures() + (reload.applied() ? 0 : 1), reload);
        if (reload.applied()) {
            LOG.info("{}", reload);
        } else {
            LOG.error("{}", reload);
        }
    }

    /** Reloads attempted, failed ones included. */
    public long reloads() {
        return reloadHistory.count();
    }

    public long failedReloads() {
        return reloadHistory.failures();
    }

    /** The last reload, or null if none. */
    public Reload lastReload() {
        return reloadHistory.last();
    }

    /**
     * jnutcracker extension: the latest background topology check ({@code jn_verify_interval}), for
     * stats; {@link TopologyStatus#DISABLED} when no pool asks for one.
     */
    public TopologyStatus topologyStatus() {
        return topology.status();
    }

    /** Process-level values for stats (reloads, the background topology check), read at each aggregation. */
    public io.jnutcracker.stats.ProcessStats processStats() {
        ReloadHistory h = reloadHistory;
        Reload last = h.last();
        return new io.jnutcracker.stats.ProcessStats(h.count(), h.failures(), last == null ? 0 : last.epochMillis(),
                last == null ? null : last.error(), topologyStatus());
    }

    /**
     * Graceful stop (SIGTERM, SIGINT): stops accepting and reading from every client of every pool,
     * for good, and waits up to {@code timeoutMillis} for the requests already read to be answered
     * and written, whichever generation they went to. Each client is closed once every reply it is
     * owed has been written to its socket, not merely queued in the proxy: a client that reads slowly
     * still gets every finished reply. Returns how many requests are still unanswered.
     */
    public long stop(long timeoutMillis) throws InterruptedException {
        List<ProxyServer> all = servers();
        for (ProxyServer s : all) {
            s.unbind();
            s.pool().stopReading();
        }
        awaitFlushed(); // the stop has reached every loop: nothing more is read from now on
        long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long pending = waiting(all);
        LOG.info("stopping: listeners closed, {} requests in flight, waiting up to {} msec", pending, timeoutMillis);
        for (ProxyServer s : all) {
            s.pool().drain(); // each client closes once its last reply is answered, written and flushed
        }
        long open = clients(all);
        while (open > 0 && clock.nanoTime() < deadline) {
            Thread.sleep(5);
            open = clients(all);
        }
        pending = waiting(all);
        if (pending > 0) {
            LOG.warn("stopping with {} requests still unanswered after {} msec", pending, timeoutMillis);
        } else if (open > 0) {
            LOG.warn("stopping with replies to {} clients not yet written after {} msec", open, timeoutMillis);
        }
        awaitFlushed(); // replies to the last requests are written, maybe not yet flushed
        return pending;
    }

    private static long clients(List<ProxyServer> servers) {
        long n = 0;
        for (ProxyServer s : servers) {
            n += s.pool().clients();
        }
        return n;
    }

    private static long waiting(List<ProxyServer> servers) {
        long n = 0;
        for (ProxyServer s : servers) {
            n += s.pool().waiting();
        }
        return n;
    }

    /**
     * Returns once every I/O loop has run the tasks queued so far, twice over: writes are flushed by
     * a task queued at the end of a loop's pass ({@code FlushBatch}), possibly after a first barrier
     * task was queued, so the second round waits for those flushes too.
     */
    public void awaitFlushed() {
        for (int round = 0; round < 2; round++) {
            for (io.netty.channel.EventLoop loop : workers.loops()) {
                loop.submit(() -> { }).awaitUninterruptibly(1000);
            }
        }
    }

    /** Stops accepting, closes server connections and the loops. */
    @Override
    public synchronized void close() {
        topology.close();
        sentinels.close();
        for (ProxyServer s : servers.values()) {
            s.unbind();
        }
        for (ProxyServer s : servers.values()) {
            s.closeBackends();
        }
        workers.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
