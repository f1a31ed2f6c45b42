package io.jnutcracker.client;

import io.jnutcracker.backend.BackendGroup;
import io.jnutcracker.backend.Workers;
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

    PoolRuntime(ServerPool pool, Workers workers) {
        this.pool = pool;
        for (EventLoop loop : workers.loops()) {
            groups.put(loop, new BackendGroup(pool, loop, workers));
        }
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
    }

    void closeAll() {
        groups.forEach((loop, group) -> loop.execute(group::closeAll));
    }
}
