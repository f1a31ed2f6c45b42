package io.jnutcracker;

import io.jnutcracker.backend.Transport;
import io.jnutcracker.client.ProxyServer;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.route.Clock;
import io.jnutcracker.route.ServerPool;
import io.jnutcracker.topology.TopologyMonitor;
import io.jnutcracker.topology.TopologyStatus;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running proxy (nutcracker {@code nc_core.c}): the event loops and one {@link ProxyServer} per
 * pool. nutcracker runs one epoll loop; we run one acceptor and {@code workers} I/O loops, each
 * client and its server connections on one of them.
 */
public final class Nutcracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Nutcracker.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final List<ProxyServer> servers = new ArrayList<>();
    // jnutcracker extension: background topology check (jn_verify_interval; io.jnutcracker.topology)
    private volatile TopologyMonitor topology = TopologyMonitor.OFF;

    private Nutcracker(int workerThreads) {
        Transport transport = Transport.best();
        this.boss = transport.newGroup(1, new DefaultThreadFactory("jn-accept"));
        this.workers = transport.newGroup(workerThreads, new DefaultThreadFactory("jn-io"));
    }

    /**
     * Binds every pool, in nutcracker's sorted order; any bind failure stops everything and throws,
     * as nutcracker aborts start-up.
     */
    public static Nutcracker start(ProxyConfig config, Clock clock, int workerThreads)
            throws IOException, InterruptedException {
        Nutcracker nc = new Nutcracker(workerThreads);
        Transport transport = Transport.best();
        try {
            for (PoolConfig pool : config.pools()) {
                ProxyServer server = new ProxyServer(new ServerPool(pool, clock), nc.workers, transport);
                server.bind(nc.boss, nc.workers);
                nc.servers.add(server);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            nc.close();
            throw e;
        }
        LOG.info("jnutcracker started on pid {} with {} pools, transport {}", ProcessHandle.current().pid(),
                nc.servers.size(), transport.name().toLowerCase());
        nc.topology = TopologyMonitor.start(config); // jnutcracker extension; OFF unless a pool asks
        return nc;
    }

    /** Default I/O threads: one per core, like Netty, since each client is pinned to one loop. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    public List<ProxyServer> servers() {
        return List.copyOf(servers);
    }

    /**
     * jnutcracker extension: the latest background topology check ({@code jn_verify_interval}), for
     * stats; {@link TopologyStatus#DISABLED} when no pool asks for one.
     */
    public TopologyStatus topologyStatus() {
        return topology.status();
    }

    /** Stops accepting, closes server connections and the loops. */
    @Override
    public void close() {
        topology.close();
        for (ProxyServer s : servers) {
            s.unbind();
        }
        for (ProxyServer s : servers) {
            s.closeBackends();
        }
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
