package io.jnutcracker.backend;

import io.jnutcracker.resp.Reply;
import io.jnutcracker.route.Server;
import io.jnutcracker.route.ServerPool;
import io.jnutcracker.stats.ServerConnStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
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
 * the connection, every request still waiting on it gets {@code -ERR <reason>}, and the close counts
 * as one failure of the server towards ejection ({@code server_close} then {@code server_failure}).
 * A timeout is measured from the moment a request is queued, so connect time counts, as in
 * nutcracker's {@code msg_tmo_insert}.
 */
public final class BackendConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);

    enum State { CONNECTING, CONNECTED, CLOSED }

    private static final byte[][] FAILURE_PREFIXES = {
        "OOM ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "BUSY ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "LOADING ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    };

    private final ServerPool pool;
    private final Server server;
    private final EventLoop loop;
    private final InFlightQueue inFlight = new InFlightQueue();
    private final ServerConnStats stats;
    /** Frames accepted while the connect is in progress; written once it completes. */
    private final List<ByteBuf> unsent = new ArrayList<>();
    /** Pool {@code timeout} in ns; 0 means none. */
    private final long timeoutNanos;
    private Channel channel;
    private State state = State.CONNECTING;
    private boolean flushPending;
    /** Set when the pool was reconfigured: close once the last waiting request is answered. */
    private boolean retiring;
    private ScheduledFuture<?> timer;
    /** Why the connection is closing; the text every waiting request is answered with. */
    private String closeReason;

    BackendConnection(ServerPool pool, Server server, EventLoop loop) {
        this.pool = pool;
        this.server = server;
        this.loop = loop;
        this.stats = pool.stats().serverConnection(server.index(), loop);
        int timeoutMs = pool.config().timeoutMs();
        this.timeoutNanos = timeoutMs > 0 ? TimeUnit.MILLISECONDS.toNanos(timeoutMs) : 0;
    }

    public Server server() {
        return server;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    void attach(ChannelFuture connectFuture) {
        this.channel = connectFuture.channel();
        connectFuture.addListener(f -> {
            if (f.isSuccess()) {
                connected();
            } else {
                fail(Errno.of(f.cause()));
            }
        });
    }

    /**
     * Queues {@code frame} (ownership passes here) for the server; {@code handler} gets its outcome.
     * The write is not flushed: call {@link #flush()} at the end of the read batch.
     */
    public void forward(ByteBuf frame, ReplyHandler handler) {
        if (state == State.CLOSED) {
            frame.release();
            stats.forwardError();
            handler.onFailure(closeReason);
            return;
        }
        inFlight.add(handler, System.nanoTime());
        stats.forwarded(frame.readableBytes(), state == State.CONNECTING);
        armTimer();
        if (state == State.CONNECTING) {
            unsent.add(frame);
        } else {
            channel.write(frame, channel.voidPromise());
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
        inFlight.add(new Swallow(what), System.nanoTime());
        stats.handshake();
        unsent.add(frame);
    }

    private void connected() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTED;
        stats.connected();
        LOG.debug("connected on s {} to server '{}' of pool '{}'", channel.id(), server.config().pname(),
                pool.name());
        for (ByteBuf frame : unsent) {
            channel.write(frame, channel.voidPromise());
        }
        unsent.clear();
        channel.flush();
    }

    /** A reply from the server: it answers the oldest request (FIFO). */
    void onReply(Reply reply) {
        ReplyHandler handler = inFlight.poll();
        if (handler == null) {
            reply.release();
            // nutcracker closes a server connection that sends a reply nobody asked for.
            close(Errno.INVALID_ARGUMENT, "stray reply");
            return;
        }
        stats.replied(reply.frame().readableBytes());
        if (reply.isError() && isServerFailure(reply)) {
            pool.failure(server);
        } else {
            pool.success(server);
        }
        handler.onReply(reply);
        if (inFlight.isEmpty() && timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (retiring && inFlight.isEmpty()) {
            closeQuietly();
        }
    }

    /**
     * The proxy is stopping: requests still waiting are answered {@code -ERR Connection closed by
     * server}-style, but the close is not a failure of the server (no ejection, no warning).
     */
    void shutdown() {
        if (state == State.CLOSED) {
            return;
        }
        for (ByteBuf frame : unsent) {
            frame.release();
        }
        unsent.clear();
        closeQuietly();
        for (ReplyHandler h = inFlight.poll(); h != null; h = inFlight.poll()) {
            h.onFailure(Errno.CLOSED);
        }
    }

    /** See {@link BackendGroup#retire()}. */
    void closeWhenIdle() {
        retiring = true;
        if (inFlight.isEmpty() && unsent.isEmpty()) {
            closeQuietly();
        }
    }

    /** A close that is no failure of the server: it does not count towards ejection. */
    private void closeQuietly() {
        stats.closed(Errno.CLOSED, state == State.CONNECTED); // the gauges must drop with the connection
        state = State.CLOSED;
        closeReason = Errno.CLOSED;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (channel != null) {
            channel.close();
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
        fail(closeReason != null ? closeReason : Errno.CLOSED);
    }

    void onException(Throwable cause) {
        close(Errno.of(cause), cause.toString());
    }

    /** Closes the connection; waiting requests are failed with {@code reason} when it goes inactive. */
    void close(String reason, String detail) {
        if (closeReason == null) {
            closeReason = reason;
            LOG.warn("close s {} to server '{}' of pool '{}': {} ({})", channel == null ? "-" : channel.id(),
                    server.config().pname(), pool.name(), reason, detail);
        }
        if (channel != null) {
            channel.close();
        }
        fail(reason);
    }

    /** Fails every waiting request with {@code reason}, once, and counts one server failure. */
    private void fail(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        if (closeReason == null) { // close() has logged already
            LOG.warn("close s {} to server '{}' of pool '{}': {}", channel == null ? "-" : channel.id(),
                    server.config().pname(), pool.name(), reason);
        }
        stats.closed(reason, state == State.CONNECTED);
        state = State.CLOSED;
        closeReason = reason;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        for (ByteBuf frame : unsent) {
            frame.release();
        }
        unsent.clear();
        pool.failure(server);
        for (ReplyHandler h = inFlight.poll(); h != null; h = inFlight.poll()) {
            h.onFailure(reason);
        }
        if (channel != null) {
            channel.close();
        }
    }

    private void armTimer() {
        if (timeoutNanos == 0 || timer != null) {
            return;
        }
        long delay = inFlight.oldestQueuedAt() + timeoutNanos - System.nanoTime();
        timer = loop.schedule(this::checkTimeout, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void checkTimeout() {
        timer = null;
        if (state == State.CLOSED || inFlight.isEmpty()) {
            return;
        }
        if (System.nanoTime() - inFlight.oldestQueuedAt() >= timeoutNanos) {
            // nutcracker (core_timeout): the whole server connection is closed, and every request
            // on it answered "Connection timed out".
            close(Errno.TIMED_OUT, "request not answered within " + pool.config().timeoutMs() + " ms");
        } else {
            armTimer();
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
                    LOG.warn("{} failed on server '{}' of pool '{}': {}", what, server, pool.name(),
                            reply.frame().toString(io.netty.util.CharsetUtil.UTF_8).trim());
                }
            } finally {
                reply.release();
            }
        }

        @Override
        public void onFailure(String reason) {
        }
    }
}
