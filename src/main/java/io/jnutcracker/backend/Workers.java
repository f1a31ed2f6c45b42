package io.jnutcracker.backend;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The I/O event loops and the state each loop shares across all pools: its {@link FlushBatch}.
 * One batch per loop (not per pool) so a reply completed by any server connection of the loop,
 * whatever pool or configuration generation it belongs to, is flushed at the end of that read.
 */
public final class Workers {
    private final EventLoopGroup group;
    private final Transport transport;
    private final Map<EventLoop, FlushBatch> batches = new IdentityHashMap<>();
    private final List<EventLoop> loops = new ArrayList<>();

    public Workers(EventLoopGroup group, Transport transport) {
        this.group = group;
        this.transport = transport;
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
            batches.put((EventLoop) e, new FlushBatch((EventLoop) e));
        }
    }

    public EventLoopGroup group() {
        return group;
    }

    public Transport transport() {
        return transport;
    }

    public List<EventLoop> loops() {
        return List.copyOf(loops);
    }

    public FlushBatch flushBatch(EventLoop loop) {
        return batches.get(loop);
    }
}
