package io.jnutcracker.backend;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * What one event loop has written without flushing during the current pass over its ready
 * channels: server connections (requests) and client channels (replies). They are flushed once,
 * by a task the loop runs after it has read every ready channel of the pass.
 *
 * <p>This is nutcracker's rhythm: it writes a server's queued requests when the server socket
 * reports writable, once per epoll pass, so the requests of all clients read in that pass share
 * one {@code writev} and Redis reads many at a time. Flushing at each client's read-complete
 * instead cost one send per request at -P 1, and Redis 4.5 times as many reads
 * (bench/RESULTS.md, fix 1). Loop-confined; one per loop, shared by every pool.
 */
public final class FlushBatch {
    private final EventLoop loop;
    private final List<BackendConnection> servers = new ArrayList<>();
    private final List<Channel> clients = new ArrayList<>();
    private final Runnable task = this::flushNow;
    private boolean scheduled;

    public FlushBatch(EventLoop loop) {
        this.loop = loop;
    }

    /** Flushes {@code connection} at the end of this pass. */
    public void add(BackendConnection connection) {
        if (!servers.contains(connection)) {
            servers.add(connection);
        }
        schedule();
    }

    /** Flushes {@code channel} at the end of this pass; duplicates are harmless. */
    public void add(Channel channel) {
        if (clients.isEmpty() || clients.get(clients.size() - 1) != channel) {
            clients.add(channel);
        }
        schedule();
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            loop.execute(task); // on the loop itself: runs after this pass's I/O, no wakeup
        }
    }

    private void flushNow() {
        scheduled = false;
        for (int i = 0; i < servers.size(); i++) {
            servers.get(i).flush();
        }
        servers.clear();
        for (int i = 0; i < clients.size(); i++) {
            clients.get(i).flush();
        }
        clients.clear();
    }
}
