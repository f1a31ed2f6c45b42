package io.jnutcracker.route;

import io.jnutcracker.backend.BackendConnection;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.resp.Reply;
import io.netty.buffer.ByteBuf;
import java.util.function.Supplier;

/**
 * A read sent to a read-pool member that, if the member fails before answering (refused, reset,
 * timed out), is sent once more to the member's master ({@code jn_read_fallback}) instead of being
 * answered {@code -ERR}. It keeps its own reference to the request frame until the outcome is known.
 */
public final class FallbackRetry implements ReplyHandler {
    private final ReplyHandler target;
    private final ByteBuf frame;
    private final Supplier<BackendConnection> fallback;

    /**
     * @param frame a buffer of its own (e.g. {@code retainedDuplicate()}: writing the original moves
     *     the original's reader index) holding the request as sent
     */
    public FallbackRetry(ReplyHandler target, ByteBuf frame, Supplier<BackendConnection> fallback) {
        this.target = target;
        this.frame = frame;
        this.fallback = fallback;
    }

    @Override
    public void onReply(Reply reply) {
        frame.release();
        target.onReply(reply);
    }

    @Override
    public void onFailure(String reason) {
        BackendConnection master = fallback.get();
        master.forward(frame, target); // a second failure reaches the client as usual
        master.flush();
    }
}
