package io.jnutcracker.route;

import io.jnutcracker.backend.BackendGroup;
import io.jnutcracker.backend.GroupSettings;
import io.jnutcracker.backend.Workers;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ReadFallback;
import io.jnutcracker.stats.PoolStats;
import io.jnutcracker.util.Clock;
import io.jnutcracker.tls.ServerTls;
import io.jnutcracker.tls.TlsContexts;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLException;
import io.netty.channel.EventLoop;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One configuration of a pool, from the reload that installs it to the next (immutable once built):
 * its members with their continuum and ejection state ({@link ServerPool}), and on every event loop
 * the server connections and the chain of forwarders built over them. A request takes the generation
 * in force when it arrives; a replaced generation lets what it has in flight finish, then closes.
 *
 * <p>The chain, built once per loop: {@link BroadcastForwarder} (to every server) around
 * {@link FragmentingForwarder} around {@link KeyForwarder} over a
 * {@link ConnectionDispatch}, itself wrapped in a {@link FallbackDispatch} when the pool sets
 * {@code jn_read_fallback}.
 */
public final class Generation {
    private final PoolConfig config;
    private final ServerPool servers;
    private final Map<EventLoop, BackendGroup> groups = new IdentityHashMap<>();
    private final Map<EventLoop, Forwarder> forwarders = new IdentityHashMap<>();
    /** The read fallback's target (the master pool), with connections of its own; or null. */
    private final Generation fallback;
    /** The listener's TLS for clients accepted while this generation is in force, or null. */
    private final SslContext clientTls;

    Generation(PoolConfig config, Protocol protocol, PoolStats stats, Workers workers, Clock clock) {
        this.config = config;
        this.servers = new ServerPool(config, clock, stats);
        this.clientTls = tls(config, "clients", () -> TlsContexts.listener(config.extensions().listenTls()),
                config.extensions().listenTls());
        ServerTls serverTls = tls(config, "servers", () -> TlsContexts.servers(config.extensions().serverTls()),
                config.extensions().serverTls());
        GroupSettings settings = new GroupSettings(config, servers, stats, servers.statsSlots(), clock,
                protocol::newReplyDecoder, serverTls);
        ReadFallback rf = config.extensions().readFallback();
        // The target's own counts are not reported: its servers are another pool's, counted there.
        this.fallback = rf == null ? null
                : new Generation(rf.target(), protocol, new PoolStats(rf.target().name()), workers, clock);
        for (EventLoop loop : workers.loops()) {
            BackendGroup group = new BackendGroup(settings, loop, workers);
            groups.put(loop, group);
            Dispatch dispatch = new ConnectionDispatch(group, workers.flushBatch(loop));
            var counters = stats.loopCounters(loop);
            if (fallback != null) {
                dispatch = new FallbackDispatch(dispatch, fallback.dispatch(loop, workers), servers, rf, counters);
            }
            ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
            Forwarder whole = new KeyForwarder(servers, dispatch, protocol, counters, alloc);
            Forwarder split = new FragmentingForwarder(whole, servers, dispatch, protocol, counters, alloc);
            forwarders.put(loop, new BroadcastForwarder(split, servers, dispatch, protocol, counters, alloc));
        }
    }

    /** A context built at each generation, so certificates replaced on disk are read at the reload. */
    private interface TlsBuild<T> {
        T build() throws SSLException;
    }

    private static <T> T tls(PoolConfig config, String towards, TlsBuild<T> build, Object settings) {
        if (settings == null) {
            return null;
        }
        try {
            return build.build();
        } catch (SSLException e) {
            throw new IllegalStateException("pool '" + config.name() + "': TLS towards " + towards + ": "
                    + e.getMessage(), e);
        }
    }

    /** TLS for the clients the listener accepts now ({@code jn_tls_cert}), or null for plain TCP. */
    public SslContext clientTls() {
        return clientTls;
    }

    private Dispatch dispatch(EventLoop loop, Workers workers) {
        return new ConnectionDispatch(groups.get(loop), workers.flushBatch(loop));
    }

    public PoolConfig config() {
        return config;
    }

    /** Members, placement and ejection. */
    public ServerPool servers() {
        return servers;
    }

    /** The head of the forwarder chain of {@code loop}; use it on that loop only. */
    public Forwarder forwarder(EventLoop loop) {
        return forwarders.get(loop);
    }

    /** The server connections of {@code loop}; use it on that loop only. */
    BackendGroup group(EventLoop loop) {
        return groups.get(loop);
    }

    /** Opens one connection to every member on every loop ({@code preconnect}). */
    void preconnect() {
        groups.forEach((loop, group) -> loop.execute(group::preconnect));
    }

    /** Lets requests in flight finish, then closes the connections. */
    void retire() {
        groups.forEach((loop, group) -> loop.execute(group::retire));
        if (fallback != null) {
            fallback.retire();
        }
    }

    /** Closes every connection now; what waits on them is answered with an error. */
    void close() {
        groups.forEach((loop, group) -> loop.execute(group::closeAll));
        if (fallback != null) {
            fallback.close();
        }
    }
}
