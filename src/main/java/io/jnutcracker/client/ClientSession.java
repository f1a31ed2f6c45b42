package io.jnutcracker.client;

import io.jnutcracker.backend.FlushBatch;
import io.jnutcracker.backend.MemoryBudget;
import io.jnutcracker.resp.Chain;
import io.jnutcracker.route.PoolClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

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

    /** Replies assumed per owed request until the average is known: caps a client's first burst. */
    private static final int FIRST_ESTIMATE_DIVISOR = 64;
    /** While paused because the whole budget is spent, how often to look again, in ms. */
    private static final long BUDGET_RECHECK_MS = 10;

    private final Channel channel;
    private final FlushBatch flushBatch;
    private final MemoryBudget budget;
    private final MemoryBudget.LoopAccount account;
    /** Bytes of replies received and not yet written to the channel (waiting behind an earlier one). */
    private long queuedBytes;
    /** The bytes this session holds as last reported to {@link #account}. */
    private long reported;
    /** Average reply size in bytes (exponential, weight 1/8); 0 until the first reply is written. */
    private long averageReply;
    private boolean recheckScheduled;
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

    ClientSession(Channel channel, FlushBatch flushBatch, MemoryBudget budget) {
        this.channel = channel;
        this.flushBatch = flushBatch;
        this.budget = budget;
        this.account = budget.account(channel.eventLoop());
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
        queuedBytes += msg.replyBytes();
        if (queue.peekFirst() != msg) {
            return;
        }
        while (!queue.isEmpty() && queue.peekFirst().isDone()) {
            Msg head = queue.pollFirst();
            ByteBuf reply = head.takeReply();
            int bytes = reply.readableBytes();
            queuedBytes -= bytes;
            averageReply = averageReply == 0 ? bytes : averageReply + (bytes - averageReply) / 8;
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

    /**
     * Stops reading from the client while too much is waiting, its socket is backed up, or it holds
     * (or is owed) more reply bytes than the {@link MemoryBudget} allows it.
     */
    void pauseIfBusy() {
        long held = report();
        if (channel.config().isAutoRead() && (queue.size() >= HIGH || !channel.isWritable()
                || expected(held) > budget.perClient() || heavyWhileOver(held))) {
            channel.config().setAutoRead(false);
        }
        scheduleRecheckIfOver(held);
    }

    void resumeIfDrained() {
        long held = report();
        if (!closing && !stopped && !channel.config().isAutoRead() && queue.size() <= LOW && channel.isWritable()
                && expected(held) <= budget.perClient() / 2 && !heavyWhileOver(held)) {
            channel.config().setAutoRead(true);
        }
        scheduleRecheckIfOver(held);
    }

    /** Bytes held now plus the replies still owed, at this client's average reply size. */
    private long expected(long held) {
        long estimate = averageReply > 0 ? averageReply : budget.perClient() / FIRST_ESTIMATE_DIVISOR;
        return held + (long) queue.size() * estimate;
    }

    /** Over the whole budget, the clients holding the most stop sending until it recovers. */
    private boolean heavyWhileOver(long held) {
        return held > MemoryBudget.HEAVY && budget.over();
    }

    /** Paused for the whole budget: no event of this client's own may come to resume it, so look again. */
    private void scheduleRecheckIfOver(long held) {
        if (!recheckScheduled && !closed && !channel.config().isAutoRead() && heavyWhileOver(held)) {
            recheckScheduled = true;
            channel.eventLoop().schedule(() -> {
                recheckScheduled = false;
                resumeIfDrained();
            }, BUDGET_RECHECK_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Bytes this client holds (replies waiting for their turn, and written ones its socket has not
     * taken yet), brought up to date in the loop's account.
     */
    private long report() {
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        long held = queuedBytes + (outbound == null ? 0 : outbound.totalPendingWriteBytes());
        if (held != reported) { // per request: no shared write while nothing is held (the usual case)
            account.add(held - reported);
            reported = held;
        }
        return held;
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
        queuedBytes = 0;
        account.add(-reported);
        reported = 0;
    }

    private static void release(Msg msg) {
        if (msg.isDone()) {
            msg.takeReply().release();
        }
    }
}
