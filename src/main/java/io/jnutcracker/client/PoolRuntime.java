package io.jnutcracker.client;

import io.jnutcracker.backend.BackendConnection;
import io.jnutcracker.backend.BackendGroup;
import io.jnutcracker.backend.Workers;
import io.jnutcracker.config.ReadFallback;
import io.jnutcracker.route.ServerPool;
import io.netty.channel.EventLoop;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One configuration generation of a pool: its {@link ServerPool} (servers, continuum, ejection) and
 * its server connections on every loop. A reload that changes the pool installs a new generation;
 * requests read the current one when they arrive, and the old one retires once its in-flight
 * requests are answered.
 */
final class PoolRuntime {
    private final ServerPool pool;
    private final Map<EventLoop, BackendGroup> groups = new IdentityHashMap<>();
    /** Where reads of a down member go ({@code jn_read_fallback}), with connections of its own; or null. */
    private final PoolRuntime fallback;

    PoolRuntime(ServerPool pool, Workers workers) {
        this.pool = pool;
        for (EventLoop loop : workers.loops()) {
            groups.put(loop, new BackendGroup(pool, loop, workers));
        }
        ReadFallback rf = pool.config().extensions().readFallback();
        this.fallback = rf == null ? null : new PoolRuntime(new ServerPool(rf.target(), pool.clock()), workers);
    }

    /** The master-side runtime for {@code jn_read_fallback}, or null when the pool has none. */
    PoolRuntime fallback() {
        return fallback;
    }

    /** A connection to the server member {@code member}'s reads fall back to, on {@code loop}. */
    BackendConnection fallbackConnection(EventLoop loop, int member) {
        return fallback.group(loop).connection(pool.config().extensions().readFallback().targetOf(member));
    }

    ServerPool pool() {
        return pool;
    }

    BackendGroup group(EventLoop loop) {
        return groups.get(loop);
    }

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

    void closeAll() {
        groups.forEach((loop, group) -> loop.execute(group::closeAll));
        if (fallback != null) {
            fallback.closeAll();
        }
    }
}
