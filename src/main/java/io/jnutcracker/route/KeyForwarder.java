package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Request;
import io.jnutcracker.stats.LoopCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The plain forward: the request's keys (the command table's key specs) through {@code hash_tag},
 * hash and continuum to a server, and the whole request to it. One rule for every command: all its
 * keys on one server, it goes there whole; keys on several servers, it is answered with the
 * protocol's cross-server error and sent nowhere (nutcracker sent it to the first argument's server,
 * which answered for the keys it happened to hold). A keyless request goes where the literal key
 * {@code placeholder} goes, as nutcracker places COMMAND.
 */
final class KeyForwarder implements Forwarder {
    /** nutcracker places keyless COMMAND and LOLWUT by this literal key ({@code msg_set_placeholder_key}). */
    private static final ByteBuf PLACEHOLDER = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("placeholder".getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    /** Marks keys found on more than one server. */
    private static final int SPANS = -2;

    private final ServerPool pool;
    private final Dispatch dispatch;
    private final Protocol protocol;
    private final LoopCounters counters;
    private final ByteBufAllocator alloc;

    KeyForwarder(ServerPool pool, Dispatch dispatch, Protocol protocol, LoopCounters counters, ByteBufAllocator alloc) {
        this.pool = pool;
        this.dispatch = dispatch;
        this.protocol = protocol;
        this.counters = counters;
        this.alloc = alloc;
    }

    @Override
    public void forward(Request request, CommandSpec command, ReplyHandler handler) {
        int keyArg = command.keyArg();
        int server;
        if (keyArg > 0 && keyArg < request.argc()) {
            server = pool.serverFor(request.frame(), request.argOffset(keyArg), request.argLength(keyArg));
        } else if (keyArg == 0 && command.hasKeySpecs()) {
            server = serverOfKeys(request, command.keys(request));
        } else {
            server = placeholder();
        }
        if (server == SPANS) {
            request.release();
            handler.onReply(Reply.merged(protocol.crossServer(alloc)));
            return;
        }
        if (server == ServerPool.NO_SERVER) {
            request.release();
            counters.forwardError();
            handler.onFailure(CloseReason.REFUSED); // every server ejected (nutcracker: ECONNREFUSED)
            return;
        }
        dispatch.send(server, request.frame(), command, handler);
    }

    /** The one server holding every key, {@link #SPANS}, or the placeholder's when there is no key. */
    private int serverOfKeys(Request request, int[] keys) {
        if (keys == null || keys.length == 0) {
            return placeholder(); // no key (EVAL with 0 keys), or malformed: the server answers its error
        }
        int server = ServerPool.NO_SERVER;
        for (int i = 0; i < keys.length; i++) {
            int s = pool.serverFor(request.frame(), request.argOffset(keys[i]), request.argLength(keys[i]));
            if (s == ServerPool.NO_SERVER) {
                return s;
            }
            if (i > 0 && s != server) {
                return SPANS;
            }
            server = s;
        }
        return server;
    }

    private int placeholder() {
        return pool.serverFor(PLACEHOLDER, 0, PLACEHOLDER.readableBytes());
    }
}
