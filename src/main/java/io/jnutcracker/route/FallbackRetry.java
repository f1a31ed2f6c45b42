package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.resp.Reply;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * A read sent to a read-pool member that, if the member fails before answering (refused, reset,
 * timed out), is sent once more to the member's master ({@code jn_read_fallback}) instead of being
 * answered with an error. It keeps its own reference to the request frame until the outcome is known.
 */
final class FallbackRetry implements ReplyHandler {
    private final ReplyHandler target;
    private final ByteBuf frame;
    private final Consumer<ByteBuf> resend;

    /**
     * @param frame a buffer of its own (e.g. {@code retainedDuplicate()}: writing the original moves
     *     the original's reader index) holding the request as sent
     * @param resend sends it to the master, whose outcome goes to {@code target} (a second failure
     *     reaches the client as usual)
     */
    FallbackRetry(ReplyHandler target, ByteBuf frame, Consumer<ByteBuf> resend) {
        this.target = target;
        this.frame = frame;
        this.resend = resend;
    }

    @Override
    public void onReply(Reply reply) {
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
        resend.accept(frame);
    }
}
