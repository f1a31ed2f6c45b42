package io.jnutcracker.client;

import io.jnutcracker.backend.FlushBatch;
import io.jnutcracker.route.Msg;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayDeque;

/**
 * One client connection's requests in arrival order (nutcracker's client {@code omsg_q}). A reply is
 * written only when it is at the head, so replies leave in request order whichever server answers
 * first; writes are flushed once per batch through the loop's {@link FlushBatch}. Loop-confined.
 */
final class ClientSession implements Msg.Owner {
    /**
     * Backpressure bounds, in requests waiting per client. Past {@code HIGH} the proxy stops reading
     * from the client (its requests wait in the kernel, not in our memory) until replies have
     * drained it to {@code LOW}. A stalled server thus costs at most HIGH requests per client.
     * nutcracker has no bound (#538, #553: memory grows until OOM).
     */
    static final int HIGH = 1024;
    static final int LOW = 256;

    private final Channel channel;
    private final FlushBatch flushBatch;
    private final ArrayDeque<Msg> queue = new ArrayDeque<>();
    private boolean closing;
    /** Close once the queue is empty (the pool is being removed). */
    private boolean drainThenClose;
    /** Set once the queue has been released; any reply arriving later is dropped. */
    private boolean closed;

    ClientSession(Channel channel, FlushBatch flushBatch) {
        this.channel = channel;
        this.flushBatch = flushBatch;
    }

    /** Appends {@code msg} to the order; it may already be done (a local reply, a failed forward). */
    void enqueue(Msg msg) {
        if (closed) {
            release(msg);
            return;
        }
        queue.add(msg);
        if (msg.isDone()) {
            msgDone(msg);
        }
    }

    /** Queues a reply the proxy makes itself (ownership of {@code reply} passes here). */
    void reply(ByteBuf reply) {
        enqueue(Msg.local(this, reply));
    }

    /** Queues a last reply, after which the connection closes (QUIT, protocol error). */
    void replyAndClose(ByteBuf reply) {
        enqueue(Msg.local(this, reply).closingConnection());
        closing = true;
    }

    /** Whether no further request will be read (QUIT or a protocol error was queued, or closed). */
    boolean closing() {
        return closing;
    }

    @Override
    public void msgDone(Msg msg) {
        if (closed || !channel.isActive()) {
            // The client has gone: drop replies as they arrive.
            release(msg);
            if (!closed) {
                queue.remove(msg);
            }
            return;
        }
        if (queue.peekFirst() != msg) {
            return;
        }
        while (!queue.isEmpty() && queue.peekFirst().isDone()) {
            Msg head = queue.pollFirst();
            ByteBuf reply = head.takeReply();
            if (head.closeAfter()) {
                channel.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
                releaseAll();
                return;
            }
            channel.write(reply, channel.voidPromise());
        }
        flushBatch.add(channel);
        if (drainThenClose && queue.isEmpty()) {
            channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        resumeIfDrained();
    }

    /** Reads nothing more; closes once every waiting request is answered and written. */
    void closeWhenDrained() {
        closing = true;
        channel.config().setAutoRead(false);
        if (queue.isEmpty()) {
            channel.close();
        } else {
            drainThenClose = true;
        }
    }

    /** Stops reading from the client while too much is waiting or its socket is backed up. */
    void pauseIfBusy() {
        if ((queue.size() >= HIGH || !channel.isWritable()) && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
        }
    }

    void resumeIfDrained() {
        if (!channel.config().isAutoRead() && queue.size() <= LOW && channel.isWritable() && !closing) {
            channel.config().setAutoRead(true);
        }
    }

    /** The client closed: release every reply already received; later ones are dropped on arrival. */
    void releaseAll() {
        closed = true;
        closing = true;
        for (Msg m : queue) {
            release(m);
        }
        queue.clear();
    }

    private static void release(Msg msg) {
        if (msg.isDone()) {
            msg.takeReply().release();
        }
    }
}
