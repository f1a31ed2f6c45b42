package io.jnutcracker.backend;

import io.jnutcracker.resp.Chain;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.stats.ServerConnStats;
import io.jnutcracker.util.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.CharsetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to one server, confined to one event loop (nutcracker's server {@code struct conn}
 * with its {@code imsg_q}/{@code omsg_q}). Requests are written as they come and answered strictly
 * in FIFO order, which is how Redis answers a pipelined connection.
 *
 * <p>Failure semantics follow nutcracker: a refused connect, a timeout, a reset or an EOF closes
 * the connection, every request still waiting on it gets the {@link CloseReason}, and the close
 * counts as one failure of the server towards ejection ({@code server_close} then
 * {@code server_failure}). A timeout is measured from the moment a request is queued, so connect
 * time counts, as in nutcracker's {@code msg_tmo_insert}.
 */
public final class BackendConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);

    enum State { CONNECTING, CONNECTED, CLOSED }

    /** Replies meaning the server cannot serve anything now: nutcracker counts them as failures. */
    private static final byte[][] FAILURE_PREFIXES = {
        "OOM ".getBytes(StandardCharsets.US_ASCII),
        "BUSY ".getBytes(StandardCharsets.US_ASCII),
        "LOADING ".getBytes(StandardCharsets.US_ASCII),
    };

    private final ServerTarget target;
    private final EventLoop loop;
    private final Clock clock;
    private final ServerConnStats stats;
    private final InFlightQueue inFlight = new InFlightQueue();
    /** Frames accepted while the connect is in progress; written once it completes. */
    private final List<ByteBuf> unsent = new ArrayList<>();
    /** Requests (handshakes excluded) among {@link #unsent}, and their bytes, for {@code in_queue}. */
    private int unsentRequests;
    private long unsentBytes;
    /** Pool {@code timeout} in ns; 0 means none. */
    private final long timeoutNanos;
    private Channel channel;
    private State state = State.CONNECTING;
    private boolean flushPending;
    /** Set when the configuration was replaced: close once the last waiting request is answered. */
    private boolean retiring;
    private ScheduledFuture<?> timer;
    /** Socket reads so far, and as the last timeout check saw them (see {@link #checkTimeout()}). */
    private long reads;
    private long readsSeen;
    /** Bytes waiting to be written, as the last timeout check saw them. */
    private long pendingSeen;
    /** Monotonic ns of the last timeout check that saw bytes move; 0 before any. */
    private long movedAt;
    /** Why the connection is closing; what every waiting request is answered with. */
    private CloseReason closeReason;
    /** Set when one client holds this connection (see {@link BackendGroup#dedicated}); else null. */
    private Dedication dedication;

    BackendConnection(ServerTarget target, EventLoop loop, Clock clock, ServerConnStats stats) {
        this.target = target;
        this.loop = loop;
        this.clock = clock;
        this.stats = stats;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, target.timeoutMs()));
    }

    public ServerTarget target() {
        return target;
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    void dedicate(Dedication d) {
        this.dedication = d;
    }

    void attach(ChannelFuture connectFuture) {
        this.channel = connectFuture.channel();
        connectFuture.addListener(f -> {
            if (f.isSuccess()) {
                connected();
            } else {
                fail(CloseReason.of(f.cause()), f.cause().toString(), true);
            }
        });
    }

    /**
     * Queues {@code frame} (ownership passes here) for the server; {@code handler} gets its outcome.
     * The write is not flushed: call {@link #flush()} at the end of the loop's pass.
     */
    public void forward(ByteBuf frame, ReplyHandler handler) {
        if (state == State.CLOSED) {
            frame.release();
            stats.forwardError();
            handler.onFailure(closeReason);
            return;
        }
        int bytes = frame.readableBytes();
        boolean answered = handler.expectsReply();
        if (answered) {
            inFlight.add(handler, bytes, clock.nanoTime());
            stats.forwarded(bytes, state == State.CONNECTING);
            armTimer();
        } else {
            stats.sent(bytes); // noreply: counted as a request, never queued for a reply
        }
        if (state == State.CONNECTING) {
            unsent.add(frame);
            if (answered) {
                unsentRequests++;
                unsentBytes += bytes;
            }
        } else {
            Chain.write(channel, frame);
            flushPending = true;
        }
    }

    /** Flushes what {@link #forward} wrote; cheap when nothing is pending. */
    public void flush() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    /** Sends a request whose reply nobody waits for (AUTH, SELECT at connect), ahead of the rest. */
    void handshake(ByteBuf frame, String what) {
        inFlight.add(new Swallow(what), InFlightQueue.HANDSHAKE, clock.nanoTime());
        unsent.add(frame);
    }

    private void connected() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTED;
        stats.connected(unsentRequests, unsentBytes);
        LOG.debug("connected on s {} to server '{}' of pool '{}'", channel.id(), target.server().pname(),
                target.pool());
        for (ByteBuf frame : unsent) {
            Chain.write(channel, frame);
        }
        unsent.clear();
        unsentRequests = 0;
        unsentBytes = 0;
        channel.flush();
    }

    /** A reply from the server: it answers the oldest request (FIFO). */
    void onReply(Reply reply) {
        if (dedication != null && dedication.isPush(reply)) {
            dedication.onPush(reply);
            return;
        }
        if (inFlight.isEmpty()) {
            reply.release();
            // nutcracker closes a server connection that sends a reply nobody asked for.
            fail(CloseReason.INVALID, "stray reply", true);
            return;
        }
        readsSeen = reads; // what completed this reply is no progress of the next one
        int requestBytes = inFlight.headBytes();
        long micros = Math.max(0, (clock.nanoTime() - inFlight.headQueuedAt()) / 1000);
        ReplyHandler handler = inFlight.remove();
        if (requestBytes != InFlightQueue.HANDSHAKE) {
            stats.replied(requestBytes, reply.frameLength(), micros);
            if (reply.isError() && isServerFailure(reply)) {
                target.health().failure(target.index());
            } else {
                target.health().success(target.index());
            }
        }
        handler.onReply(reply);
        if (inFlight.isEmpty()) {
            cancelTimer();
            if (retiring) {
                close(CloseReason.PROXY_CLOSED, false);
            }
        }
    }

    /**
     * The proxy is stopping: requests still waiting are answered, but the close is no failure of
     * the server (no ejection, no warning).
     */
    public void shutdown() {
        close(CloseReason.PROXY_CLOSED, false);
    }

    /** The configuration was replaced: close once nothing waits here (see {@link BackendGroup#retire()}). */
    public void closeWhenIdle() {
        retiring = true;
        if (inFlight.isEmpty()) {
            close(CloseReason.PROXY_CLOSED, false);
        }
    }

    /**
     * {@code -OOM}, {@code -BUSY} and {@code -LOADING} mean the server cannot serve anything right now;
     * nutcracker counts them as server failures (towards ejection) and answers
     * {@code -ERR Invalid argument}. We count them too, but pass the server's own text on.
     */
    private static boolean isServerFailure(Reply reply) {
        for (byte[] prefix : FAILURE_PREFIXES) {
            if (reply.errorStartsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    void onInactive() {
        fail(closeReason != null ? closeReason : CloseReason.CLOSED, "closed by the server", true);
    }

    void onException(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause(); // a TLS failure's reason (which check) is the innermost cause
        }
        fail(CloseReason.of(cause), root == cause ? cause.toString() : cause + ": " + root.getMessage(), true);
    }

    /** Closes with {@code reason}, logged with {@code detail}, counting one failure of the server. */
    private void fail(CloseReason reason, String detail, boolean failure) {
        if (state != State.CLOSED) {
            LOG.warn("close s {} to server '{}' of pool '{}': {} ({})", channel == null ? "-" : channel.id(),
                    target.server().pname(), target.pool(), reason.text(), detail);
        }
        close(reason, failure);
    }

    /**
     * Closes the connection once: every waiting request is answered {@code reason}; {@code failure}
     * says whether it counts towards ejection (not when the proxy itself closes it).
     */
    private void close(CloseReason reason, boolean failure) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasConnected = state == State.CONNECTED;
        state = State.CLOSED;
        closeReason = reason;
        cancelTimer();
        long[] waiting = inFlight.requestTotals();
        stats.closed(reason.metric(), wasConnected, (int) waiting[0], waiting[1], unsentRequests, unsentBytes);
        for (ByteBuf frame : unsent) {
            frame.release();
        }
        unsent.clear();
        if (failure) {
            target.health().failure(target.index());
        }
        while (!inFlight.isEmpty()) {
            inFlight.remove().onFailure(reason);
        }
        if (channel != null) {
            channel.close();
        }
        if (dedication != null) {
            dedication.onClosed(reason);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void armTimer() {
        if (timeoutNanos == 0 || timer != null) {
            return;
        }
        long delay = inFlight.headQueuedAt() + timeoutNanos - clock.nanoTime();
        timer = loop.schedule(this::checkTimeout, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    /** Bytes arrived from the server (any part of a reply); counted for {@link #checkTimeout()}. */
    void bytesArrived() {
        reads++;
    }

    /**
     * The pool {@code timeout} is for a server that does not answer, measured from when the request
     * was queued (nutcracker). A server still moving a large value, reading our request or sending
     * its reply, is answering: while bytes keep moving on the connection within {@code timeout} of
     * each other, the deadline moves with them (nutcracker would cut a 5 x 16 MB MGET off at 400 ms
     * on a busy machine).
     */
    private void checkTimeout() {
        timer = null;
        if (state == State.CLOSED || inFlight.isEmpty()) {
            return;
        }
        long now = clock.nanoTime();
        io.netty.channel.ChannelOutboundBuffer out = channel == null ? null : channel.unsafe().outboundBuffer();
        long pending = out == null ? 0 : out.totalPendingWriteBytes();
        if (reads != readsSeen || (pending != pendingSeen && pending > 0)) {
            movedAt = now;
        }
        readsSeen = reads;
        pendingSeen = pending;
        long deadline = Math.max(inFlight.headQueuedAt(), movedAt) + timeoutNanos;
        if (now >= deadline) {
            // nutcracker (core_timeout): the whole server connection is closed, and every request
            // on it answered "Connection timed out". The reason is set before the channel closes,
            // so nothing waiting is told "closed" instead.
            fail(CloseReason.TIMED_OUT, "request not answered within " + target.timeoutMs() + " ms", true);
        } else {
            timer = loop.schedule(this::checkTimeout, deadline - now, TimeUnit.NANOSECONDS);
        }
    }

    /** Drops the reply of a handshake request; logs it when the server refused. */
    private final class Swallow implements ReplyHandler {
        private final String what;

        Swallow(String what) {
            this.what = what;
        }

        @Override
        public void onReply(Reply reply) {
            try {
                if (reply.isError()) {
                    LOG.warn("{} failed on server '{}' of pool '{}': {}", what, target.server().pname(),
                            target.pool(), reply.frame().toString(CharsetUtil.UTF_8).trim());
                }
            } finally {
                reply.release();
            }
        }

        @Override
        public void onFailure(CloseReason reason) {
        }
    }
}
