package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.stats.LoopCounters;
import io.netty.buffer.ByteBuf;
import java.util.function.BiConsumer;

/**
 * A read sent to a read-pool member that is sent once more to the member's master
 * ({@code jn_read_fallback}) if the member fails before answering (refused, reset, timed out),
 * instead of being answered with an error; and, for a miss retry ({@code jn_retry_miss_on_master}),
 * also if the member answers nil: the key may have been written through the master pool and not yet
 * replicated. It keeps its own reference to the request frame until the outcome is known.
 */
final class FallbackRetry implements ReplyHandler {
    private final ReplyHandler target;
    private final ByteBuf frame;
    private final BiConsumer<ByteBuf, ReplyHandler> resend;
    /** Counts miss retries; null when a nil reply is final. */
    private final LoopCounters missCounters;

    private FallbackRetry(ReplyHandler target, ByteBuf frame, BiConsumer<ByteBuf, ReplyHandler> resend, LoopCounters missCounters) {
        this.target = target;
        this.frame = frame;
        this.resend = resend;
        this.missCounters = missCounters;
    }

    /**
     * Retries on a failure only.
     *
     * @param frame a buffer of its own (e.g. {@code retainedDuplicate()}: writing the original moves
     *     the original's reader index) holding the request as sent
     * @param resend sends it to the master, whose outcome goes to the handler given (which answers
     *     {@code target}; a second failure reaches the client as usual)
     */
    static FallbackRetry onFailure(ReplyHandler target, ByteBuf frame, BiConsumer<ByteBuf, ReplyHandler> resend) {
        return new FallbackRetry(target, frame, resend, null);
    }

    /**
     * Retries on a failure, and on a nil reply (counted in {@code counters}: the retry, and its hit when
     * the master has a value). {@code resend} as for {@link #onFailure}.
     */
    static FallbackRetry onFailureOrMiss(ReplyHandler target, ByteBuf frame, BiConsumer<ByteBuf, ReplyHandler> resend,
                                         LoopCounters counters) {
        return new FallbackRetry(target, frame, resend, counters);
    }

    @Override
    public void onReply(Reply reply) {
        if (missCounters != null && reply.isNull()) {
            reply.release(); // the master's answer replaces it, whatever it is
            missCounters.missRetry();
            resend.accept(frame, new MissAnswer(target, missCounters));
            return;
        }
        frame.release();
        target.onReply(reply);
    }

    @Override
    public void onFailure(CloseReason reason) {
        if (reason == CloseReason.PROXY_CLOSED) {
            frame.release(); // the proxy is stopping or the configuration changed: no second try
            target.onFailure(reason);
            return;
        }
        resend.accept(frame, target);
    }

    /** The master's answer to a miss retry: counted as a hit when it has a value, then passed on. */
    private record MissAnswer(ReplyHandler target, LoopCounters counters) implements ReplyHandler {
        @Override
        public void onReply(Reply reply) {
            if (!reply.isNull() && !reply.isError()) {
                counters.missRetryHit();
            }
            target.onReply(reply);
        }

        @Override
        public void onFailure(CloseReason reason) {
            target.onFailure(reason);
        }
    }
}
