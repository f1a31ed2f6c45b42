package io.jnutcracker.client;

import io.jnutcracker.backend.BackendConnection;
import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.Dedication;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.Command;
import io.jnutcracker.command.Routing;
import io.jnutcracker.command.Stateful;
import io.jnutcracker.resp.CannedReply;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.Resp;
import io.jnutcracker.route.Generation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * A client's transaction (WATCH, MULTI ... EXEC/DISCARD), pinned to the server of its first key on a
 * server connection of the client's own, as Redis Cluster pins one to a slot. Inside MULTI a command
 * whose keys are on another server gets {@code -CROSSSLOT} and EXEC then {@code -EXECABORT}, as a
 * command Redis rejects while queueing does. The replies are the server's own ({@code +QUEUED}, the
 * EXEC array), apart from MULTI before any key, which the proxy answers, having no server yet.
 *
 * <p>A pinned connection that dies loses the server's WATCH and MULTI state: the commands after it
 * get an error and EXEC {@code -EXECABORT}, never a transaction run without its WATCH.
 */
final class Transaction implements Dedication {
    private static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
    private static final ByteBuf MULTI_FRAME = frame("MULTI");
    private static final ByteBuf DISCARD_FRAME = frame("DISCARD");

    private final DedicatedPath path;
    private BackendConnection connection;
    private int server = -1;
    private Generation generation;
    private boolean multi;
    /** A command was refused while queueing: EXEC answers {@code -EXECABORT}. */
    private boolean aborted;

    Transaction(DedicatedPath path) {
        this.path = path;
    }

    /** Whether the client is inside MULTI or holds a pinned connection (after WATCH). */
    boolean engaged() {
        return multi || connection != null;
    }

    /** The proxy refused a request with an error of its own: inside MULTI, that aborts the transaction. */
    void refused() {
        aborted |= multi;
    }

    /**
     * Handles {@code request} if the transaction takes it: a transaction command, any command inside
     * MULTI, a command on the pinned server after WATCH. False: the normal path serves it.
     */
    boolean request(Request request, Command command, Stateful stateful, Generation current) {
        Stateful.Kind kind = stateful == null ? null : stateful.kind();
        if (kind == Stateful.Kind.SUBSCRIBE && multi) {
            return reject(request, "ERR " + command.name() + " inside MULTI is not allowed through the proxy");
        }
        if (kind != null && kind != Stateful.Kind.BLOCKING && kind != Stateful.Kind.SUBSCRIBE) {
            control(request, kind, stateful, current);
            return true;
        }
        if (!multi) {
            if (kind != null || command.routing() == Routing.LOCAL || connection == null) {
                return false;
            }
            int s = DedicatedPath.server(generation.servers(), request, DedicatedPath.keys(command, request));
            if (s != server || connection.isClosed()) {
                return false; // after WATCH, only what reads or writes the pinned server goes its way
            }
            path.forward(connection, request);
            return true;
        }
        if (command.routing() == Routing.LOCAL && !command.name().equals("PING") && !command.name().equals("ECHO")) {
            if (command.name().equals("QUIT")) {
                return false;
            }
            return reject(request, "ERR " + command.name() + " inside MULTI is not allowed through the proxy");
        }
        int[] keys = stateful != null ? stateful.keys(request) : DedicatedPath.keys(command, request);
        queue(request, keys == null ? new int[0] : keys, current);
        return true;
    }

    private void control(Request request, Stateful.Kind kind, Stateful stateful, Generation current) {
        switch (kind) {
            case MULTI -> {
                if (multi) {
                    reply(request, "ERR MULTI calls can not be nested");
                } else {
                    multi = true;
                    aborted = false;
                    if (connection != null && !connection.isClosed()) {
                        path.forward(connection, request);
                    } else {
                        request.release();
                        path.session.reply(CannedReply.OK.buffer());
                    }
                }
            }
            case WATCH -> {
                if (multi) {
                    reply(request, "ERR WATCH inside MULTI is not allowed");
                } else {
                    pinned(request, stateful.keys(request), current, true);
                }
            }
            case UNWATCH -> {
                if (multi) {
                    queue(request, new int[0], current);
                } else {
                    closing(request, CannedReply.OK.buffer());
                }
            }
            case EXEC -> {
                if (!multi) {
                    reply(request, "ERR EXEC without MULTI");
                } else if (aborted || (connection != null && connection.isClosed())) {
                    if (connection != null && !connection.isClosed()) {
                        path.send(connection, DISCARD_FRAME.retainedDuplicate(), Ignore.INSTANCE);
                    }
                    reply(request, EXECABORT);
                    end();
                } else {
                    closing(request, Unpooled.wrappedBuffer(new byte[] {'*', '0', '\r', '\n'}));
                }
            }
            case DISCARD -> {
                if (!multi) {
                    reply(request, "ERR DISCARD without MULTI");
                } else {
                    closing(request, CannedReply.OK.buffer());
                }
            }
            default -> throw new IllegalStateException("not a transaction command: " + kind);
        }
    }

    /** EXEC, DISCARD, UNWATCH: the server answers if it holds state, the proxy otherwise; then unpinned. */
    private void closing(Request request, ByteBuf localReply) {
        if (connection != null && !connection.isClosed()) {
            localReply.release();
            path.forward(connection, request);
        } else {
            request.release();
            path.session.reply(localReply);
        }
        end();
    }

    /** A command inside MULTI: to the pinned server (pinning it first), or refused. */
    private void queue(Request request, int[] keys, Generation current) {
        // After an error Redis still queues what follows; so do we, and EXEC discards it all.
        pinned(request, keys, current, false);
    }

    /** Sends {@code request} on the connection to the server of {@code keys}, opening it if need be. */
    private void pinned(Request request, int[] keys, Generation current, boolean watch) {
        Generation g = generation != null ? generation : current;
        int s = DedicatedPath.server(g.servers(), request, keys);
        if (s == DedicatedPath.KEYLESS) {
            s = server >= 0 ? server : placeholder(g);
        }
        if (server >= 0 && s >= 0 && s != server) {
            s = DedicatedPath.CROSS;
        }
        if (path.refusedPlacement(s)) {
            request.release();
            aborted |= multi;
            return;
        }
        if (connection == null) {
            connection = path.open(g, s, true, this);
            if (connection == null) {
                request.release();
                aborted |= multi;
                return;
            }
            generation = g;
            server = s;
            if (multi) {
                path.send(connection, MULTI_FRAME.retainedDuplicate(), Ignore.INSTANCE); // answered +OK already
            }
        }
        if (connection.isClosed()) {
            request.release();
            aborted |= multi;
            path.session.reply(path.pool.protocol().failure(path.alloc, CloseReason.CLOSED));
            return;
        }
        path.forward(connection, request);
    }

    /** The server nutcracker places keyless commands on ({@code placeholder}), for a keyless first command. */
    private static int placeholder(Generation g) {
        ByteBuf key = Unpooled.wrappedBuffer("placeholder".getBytes(StandardCharsets.US_ASCII));
        return g.servers().serverFor(key, 0, key.readableBytes());
    }

    private boolean reject(Request request, String error) {
        reply(request, error);
        aborted |= multi;
        return true;
    }

    private void reply(Request request, String error) {
        request.release();
        path.error(error);
    }

    /** Out of the transaction: the pinned connection closes once its last reply is in. */
    private void end() {
        if (connection != null) {
            connection.closeWhenIdle();
        }
        connection = null;
        generation = null;
        server = -1;
        multi = false;
        aborted = false;
    }

    /** The client closed: the server forgets the transaction with the connection. */
    void close() {
        if (connection != null) {
            connection.shutdown();
        }
        end();
    }

    @Override
    public boolean isPush(Reply reply) {
        return false;
    }

    @Override
    public void onPush(Reply reply) {
        reply.release();
    }

    @Override
    public void onClosed(CloseReason reason) {
        // Seen through connection.isClosed() at the next command: it aborts the transaction.
    }

    private static ByteBuf frame(String command) {
        ByteBuf out = Unpooled.buffer();
        Resp.writeArrayHeader(out, 1);
        Resp.writeBulk(out, command.getBytes(StandardCharsets.US_ASCII));
        return Unpooled.unreleasableBuffer(out.asReadOnly());
    }

    /** The reply to a request the proxy sends on its own: nobody waits for it. */
    private enum Ignore implements ReplyHandler {
        INSTANCE;

        @Override
        public void onReply(Reply reply) {
            reply.release();
        }

        @Override
        public void onFailure(CloseReason reason) {
        }
    }
}
