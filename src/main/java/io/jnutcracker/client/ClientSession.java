package io.jnutcracker.client;

import io.jnutcracker.backend.FlushBatch;
import io.jnutcracker.resp.Chain;
import io.jnutcracker.route.PoolClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayDeque;

/**
 * One client connection's requests in arrival order (nutcracker's client {@code omsg_q}). A reply is
 * written only when it is at the head, so replies leave in request order whichever server answers
 * first; writes are flushed once per pass through the loop's {@link FlushBatch}. Loop-confined,
 * except the {@link PoolClient} methods, which hop onto the loop.
 *
 * <p>Reading stops for three reasons, each sticky where it must be: too much waiting (undone once
 * drained, {@link #HIGH}/{@link #LOW}); the proxy stopping ({@link #stopReading()}: never undone);
 * or the end of the conversation (QUIT, a protocol error, the client's half-close, the pool's
 * removal: the session then closes once every reply already owed is written and flushed).
 */
final class ClientSession implements Msg.Owner, PoolClient {
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
    /** Mirror of {@code queue.size()} for other threads (graceful stop counts what is owed). */
    private volatile int waiting;
    /** No further request is read: QUIT, a protocol error, half-close, drain or close. */
    private boolean closing;
    /** Close once the queue is empty (drain, half-close). */
    private boolean closeWhenEmpty;
    /** The proxy is stopping: never read again. */
    private boolean stopped;
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
        waiting = queue.size();
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
        closing = true;
        enqueue(Msg.local(this, reply).closingConnection());
    }

    /** Whether no further request will be read. */
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
                waiting = queue.size();
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
                waiting = 0;
                channel.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
                releaseAll();
                return;
            }
            Chain.write(channel, reply);
        }
        waiting = queue.size();
        flushBatch.add(channel);
        if (closeWhenEmpty && queue.isEmpty()) {
            flushAndClose();
            return;
        }
        resumeIfDrained();
    }

    /** The client shut down its sending side: answer everything it sent, then close (as Redis does). */
    void inputClosed() {
        endConversation();
    }

    @Override
    public void drain() {
        channel.eventLoop().execute(this::endConversation);
    }

    @Override
    public void stopReading() {
        channel.eventLoop().execute(() -> {
            stopped = true;
            channel.config().setAutoRead(false);
        });
    }

    @Override
    public int waiting() {
        return waiting;
    }

    private void endConversation() {
        if (closed) {
            return;
        }
        closing = true;
        channel.config().setAutoRead(false);
        if (queue.isEmpty()) {
            flushAndClose();
        } else {
            closeWhenEmpty = true;
        }
    }

    /** Replies already written may still wait for the loop's flush: flush them, then close. */
    private void flushAndClose() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Stops reading from the client while too much is waiting or its socket is backed up. */
    void pauseIfBusy() {
        if ((queue.size() >= HIGH || !channel.isWritable()) && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
        }
    }

    void resumeIfDrained() {
        if (!closing && !stopped && !channel.config().isAutoRead() && queue.size() <= LOW && channel.isWritable()) {
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
        waiting = 0;
    }

    private static void release(Msg msg) {
        if (msg.isDone()) {
            msg.takeReply().release();
        }
    }
}
