package io.jnutcracker.route;

import io.jnutcracker.backend.BackendConnection;
import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.Dedication;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.stats.PoolStats;
import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool's server connections held by single clients (issue 16), counted against
 * {@code jn_dedicated_connections} over every event loop and generation: the one shared atomic, touched
 * only when such a connection opens or closes, never per request.
 */
public final class DedicatedConnections {
    private final PoolStats stats;
    private final AtomicInteger open = new AtomicInteger();

    DedicatedConnections(PoolStats stats) {
        this.stats = stats;
    }

    /**
     * A new connection to {@code server} of {@code generation} on {@code loop}, or {@code null} when
     * the pool already holds its cap. {@code timed}: whether the pool {@code timeout} applies.
     */
    public BackendConnection open(Generation generation, EventLoop loop, int server, boolean timed,
                                  Dedication dedication) {
        int cap = generation.config().extensions().dedicated().connections();
        if (open.incrementAndGet() > cap) {
            open.decrementAndGet();
            return null;
        }
        var counters = stats.loopCounters(loop);
        counters.dedicated(1);
        return generation.group(loop).dedicated(server, timed, new Dedication() {
            private boolean closed;

            @Override
            public boolean isPush(Reply reply) {
                return dedication.isPush(reply);
            }

            @Override
            public void onPush(Reply reply) {
                dedication.onPush(reply);
            }

            @Override
            public void onClosed(CloseReason reason) {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                    counters.dedicated(-1);
                    dedication.onClosed(reason);
                }
            }
        });
    }

    /** Connections held now. */
    public int open() {
        return open.get();
    }
}
