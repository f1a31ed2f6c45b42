package io.jnutcracker.client;

import io.jnutcracker.backend.BackendConnection;
import io.jnutcracker.backend.Dedication;
import io.jnutcracker.backend.FlushBatch;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.Command;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.Resp;
import io.jnutcracker.route.Generation;
import io.jnutcracker.route.Pool;
import io.jnutcracker.route.ServerPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

/**
 * What a client's blocking commands, transaction and subscription share (issue 16): its session, its
 * loop, the pool's cap on server connections held by single clients, and where a request's keys are.
 * One per client connection, made when the first such command arrives.
 */
final class DedicatedPath {
    /** A request whose keys are on more than one server; Redis Cluster's text, server for slot. */
    static final String CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same server";
    /** {@link #server}: the keys are on more than one server. */
    static final int CROSS = -2;
    /** {@link #server}: the request has no key. */
    static final int KEYLESS = -3;

    final Pool pool;
    final ClientSession session;
    final ByteBufAllocator alloc;
    final EventLoop loop;
    private final FlushBatch flushBatch;

    DedicatedPath(Pool pool, ClientSession session, ByteBufAllocator alloc, EventLoop loop, FlushBatch flushBatch) {
        this.pool = pool;
        this.session = session;
        this.alloc = alloc;
        this.loop = loop;
        this.flushBatch = flushBatch;
    }

    /** A connection of the client's own to {@code server}, or {@code null} (the cap error is queued). */
    BackendConnection open(Generation generation, int server, boolean timed, Dedication dedication) {
        BackendConnection c = pool.dedicated().open(generation, loop, server, timed, dedication);
        if (c == null) {
            error("ERR too many server connections held by single clients in pool '" + pool.name()
                    + "' (jn_dedicated_connections: "
                    + generation.config().extensions().dedicated().connections() + "); try again later");
        }
        return c;
    }

    /** Queues {@code request} on {@code connection}; its reply goes to the client in its place. */
    void forward(BackendConnection connection, Request request) {
        ForwardedMsg msg = new ForwardedMsg(session, pool.protocol(), alloc);
        session.enqueue(msg);
        send(connection, request.frame(), msg);
    }

    /** Writes {@code frame} (ownership passes) to {@code connection}, flushed at the end of the pass. */
    void send(BackendConnection connection, ByteBuf frame, ReplyHandler handler) {
        connection.forward(frame, handler);
        flushBatch.add(connection);
    }

    /** Queues the error reply {@code text} (without the leading '-'). */
    void error(String text) {
        session.reply(Resp.error(alloc, text));
    }

    /**
     * The one server holding every argument of {@code request} at {@code args}: {@link #KEYLESS}
     * when there is none, {@link #CROSS} when they differ, {@link ServerPool#NO_SERVER} when one has
     * no live server.
     */
    static int server(ServerPool servers, Request request, int[] args) {
        int server = KEYLESS;
        for (int arg : args) {
            int s = servers.serverFor(request.frame(), request.argOffset(arg), request.argLength(arg));
            if (s == ServerPool.NO_SERVER) {
                return s;
            }
            if (server != KEYLESS && s != server) {
                return CROSS;
            }
            server = s;
        }
        return server;
    }

    /** Where the general table says a command's keys are: every key of a split command, else its key specs. */
    static int[] keys(Command command, Request request) {
        int step = command.keyStep();
        if (step > 0) {
            int[] args = new int[(request.argc() - 1 + step - 1) / step];
            for (int i = 0; i < args.length; i++) {
                args[i] = 1 + i * step;
            }
            return args;
        }
        if (command.keyArg() > 0) {
            return command.keyArg() < request.argc() ? new int[] {command.keyArg()} : new int[0];
        }
        int[] keys = command.hasKeySpecs() ? command.keys(request) : null;
        return keys == null ? new int[0] : keys;
    }

    /** The error for a {@link #server} result that names no single server, queued; false if none. */
    boolean refusedPlacement(int server) {
        if (server == CROSS) {
            error(CROSSSLOT);
            return true;
        }
        if (server == ServerPool.NO_SERVER) {
            session.reply(pool.protocol().failure(alloc, io.jnutcracker.backend.CloseReason.REFUSED));
            return true;
        }
        return false;
    }
}
