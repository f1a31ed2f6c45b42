package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.resp.Request;
import io.jnutcracker.stats.LoopCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The plain forward: the key the command table names ({@link CommandSpec#keyArg()}) through
 * {@code hash_tag}, hash and continuum to a server, and the whole request to it.
 */
final class KeyForwarder implements Forwarder {
    /** nutcracker places keyless COMMAND and LOLWUT by this literal key ({@code msg_set_placeholder_key}). */
    private static final ByteBuf PLACEHOLDER = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("placeholder".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final ServerPool pool;
    private final Dispatch dispatch;
    private final LoopCounters counters;

    KeyForwarder(ServerPool pool, Dispatch dispatch, LoopCounters counters) {
        this.pool = pool;
        this.dispatch = dispatch;
        this.counters = counters;
    }

    @Override
    public void forward(Request request, CommandSpec command, ReplyHandler handler) {
        int keyArg = command.keyArg();
        int server = keyArg == 0 ? pool.serverFor(PLACEHOLDER, 0, PLACEHOLDER.readableBytes())
                : pool.serverFor(request.frame(), request.argOffset(keyArg), request.argLength(keyArg));
        if (server == ServerPool.NO_SERVER) {
            request.release();
            counters.forwardError();
            handler.onFailure(CloseReason.REFUSED); // every server ejected (nutcracker: ECONNREFUSED)
            return;
        }
        dispatch.send(server, request.frame(), command, handler);
    }
}
