package io.jnutcracker.sentinel;

import io.jnutcracker.backend.Transport;
import io.jnutcracker.resp.ReplyDecoder;
import io.jnutcracker.route.Pool;
import io.jnutcracker.topology.RedisProbe;
import io.jnutcracker.util.Clock;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running proxy's Sentinel client (jn_sentinels; off the data path): one {@link SentinelWatch}
 * per pool that names Sentinels, one subscription ({@link SentinelLink}) per Sentinel and pool, a
 * {@link RedisProbe} for questions, and one thread ({@code jn-sentinel}) on which every decision is
 * taken, so the watches need no locks. The subscriptions live on an event loop of their own, never
 * the proxy's. A lost subscription is re-opened every {@link #RECONNECT_MILLIS}.
 */
public final class SentinelMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelMonitor.class);

    /** Nothing to watch. */
    public static final SentinelMonitor OFF = new SentinelMonitor(List.of(), Clock.SYSTEM);

    /** Seconds between full re-reads of every Sentinel, in case a message was lost. */
    static final long RESYNC_SECONDS = 5;
    static final long RECONNECT_MILLIS = 1000;
    /** How long a Sentinel's word on a master counts towards a majority ({@link SwitchVotes}), in ns. */
    static final long VOTE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Deadline of one question to a Sentinel or a server, in ms: a dead one must not stall a failover. */
    private static final int ASK_TIMEOUT_MILLIS = 500;
    /** How long start waits for the first answers, in seconds. */
    private static final long START_WAIT_SECONDS = 10;

    private final Clock clock;
    private final List<SentinelWatch> watches = new ArrayList<>();
    private final ScheduledExecutorService thread;
    private final EventLoopGroup links;
    private final RedisProbe probe;
    private final Transport transport = Transport.best();
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SentinelMonitor(List<Pool> pools, Clock clock) {
        this.clock = clock;
        for (Pool p : pools) {
            watches.add(new SentinelWatch(p, this));
        }
        boolean on = !watches.isEmpty();
        this.thread = on ? Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jn-sentinel", true))
                : null;
        this.links = on ? transport.newGroup(1, new DefaultThreadFactory("jn-sentinel-link", true)) : null;
        this.probe = on ? new RedisProbe(ASK_TIMEOUT_MILLIS) : null;
    }

    /**
     * Watches every pool of {@code pools} that names Sentinels; returns {@link #OFF} when none does.
     * Asks every Sentinel before returning (bounded), so the first requests already go to the masters
     * the Sentinels name; then subscribes.
     */
    public static SentinelMonitor start(List<Pool> pools, Clock clock) {
        List<Pool> watched = pools.stream().filter(p -> p.config().extensions().sentinel() != null).toList();
        if (watched.isEmpty()) {
            return OFF;
        }
        SentinelMonitor m = new SentinelMonitor(watched, clock);
        try {
            m.thread.submit(() -> m.watches.forEach(SentinelWatch::resync)).get(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("sentinel: first resolution incomplete ({}); starting with the addresses known", e.toString());
        }
        for (SentinelWatch w : m.watches) {
            for (InetSocketAddress s : w.settings().sentinels()) {
                m.subscribe(w, s);
            }
        }
        m.thread.scheduleWithFixedDelay(() -> m.safely(() -> m.watches.forEach(SentinelWatch::resync)), RESYNC_SECONDS,
                RESYNC_SECONDS, TimeUnit.SECONDS);
        return m;
    }

    Clock clock() {
        return clock;
    }

    RedisProbe probe() {
        return probe;
    }

    private void subscribe(SentinelWatch watch, InetSocketAddress sentinel) {
        if (closed) {
            return;
        }
        String name = SentinelWatch.name(sentinel);
        SentinelLink.Listener listener = new SentinelLink.Listener() {
            @Override
            public void subscribed(String s) {
                LOG.info("pool '{}': subscribed to sentinel {}", watch.pool().name(), s);
                handOver(watch::resync);
            }

            @Override
            public void event(String s, SentinelEvent event) {
                handOver(() -> watch.event(s, event));
            }
        };
        Channel ch = new Bootstrap().group(links).channel(transport.socketChannel(false))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, ASK_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(new ReplyDecoder(),
                                new SentinelLink(name, watch.settings().auth(), listener));
                    }
                })
                .connect(new InetSocketAddress(sentinel.getHostString(), sentinel.getPort())).channel();
        open.add(ch);
        ch.closeFuture().addListener(f -> {
            open.remove(ch);
            if (!closed) {
                links.schedule(() -> subscribe(watch, sentinel), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void handOver(Runnable work) {
        if (!closed) {
            thread.execute(() -> safely(work));
        }
    }

    /** A bug in one decision must not stop the watching (a scheduled task that throws never runs again). */
    private void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("sentinel: {}", e.toString(), e);
        }
    }

    /** Stops watching: subscriptions close, the thread stops; addresses already moved stay. */
    @Override
    public void close() {
        if (watches.isEmpty() || closed) {
            return;
        }
        closed = true;
        thread.shutdownNow();
        open.forEach(Channel::close);
        links.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        probe.close();
    }
}
