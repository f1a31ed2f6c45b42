package io.jnutcracker.client;

import io.jnutcracker.backend.BackendConnection;
import io.jnutcracker.backend.BackendGroup;
import io.jnutcracker.backend.Errno;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.Command;
import io.jnutcracker.command.CommandTable;
import io.jnutcracker.command.Routing;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.RequestError;
import io.jnutcracker.resp.CannedReply;
import io.jnutcracker.resp.Resp;
import io.jnutcracker.route.ForwardedMsg;
import io.jnutcracker.route.FallbackRetry;
import io.jnutcracker.route.Fragmenter;
import io.jnutcracker.route.ServerPool;
import io.jnutcracker.stats.ClientStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request side of one client connection (nutcracker {@code req_recv_done}, {@code req_filter},
 * {@code req_forward}): checks each request against the command table and the auth gate, answers
 * what the proxy answers itself, and forwards the rest, whole or split, to the servers that own the
 * keys. Writes to servers are flushed once per read batch.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter implements Fragmenter.Forwarder {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);
    /** nutcracker routes keyless COMMAND and LOLWUT by this literal key ({@code msg_set_placeholder_key}). */
    private static final ByteBuf PLACEHOLDER = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("placeholder".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final ProxyServer proxy;
    private AuthGate auth;
    private ConnectionInfo info;
    private ClientSession session;
    private ByteBufAllocator alloc;
    private EventLoop loop;
    /** The pool generation in force for the request being handled (re-read per request: reload). */
    private PoolRuntime runtime;
    private ServerPool pool;
    private BackendGroup group;
    /** The command being dispatched. */
    private Command command;
    private ClientStats stats;

    ClientHandler(ProxyServer proxy) {
        this.proxy = proxy;
        this.pool = proxy.pool();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        loop = ctx.channel().eventLoop();
        session = new ClientSession(ctx.channel(), proxy.flushBatch(loop));
        auth = new AuthGate(pool.config().redisAuth());
        info = new ConnectionInfo(proxy.nextClientId(), auth);
        alloc = ctx.alloc();
        stats = pool.stats().clientOpened(ctx.channel());
        LOG.debug("accepted c {} on p '{}' from '{}'", ctx.channel().id(), pool.name(),
                ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RequestError error) {
            stats.error();
            if (!session.closing()) {
                // Redis answers a protocol error and closes; earlier replies still go out first.
                session.replyAndClose(error.reply(alloc));
            }
            return;
        }
        Request request = (Request) msg;
        if (session.closing()) {
            request.release(); // pipelined after QUIT or a protocol error: discarded, as Redis does
            return;
        }
        dispatch(request);
        session.pauseIfBusy();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // A client that does not read its replies must not make us buffer without bound.
        if (ctx.channel().isWritable()) {
            session.resumeIfDrained();
        } else {
            session.pauseIfBusy();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void dispatch(Request request) {
        runtime = proxy.runtime();
        pool = runtime.pool();
        group = runtime.group(loop);
        command = CommandTable.lookup(request.frame(), request.argOffset(0),
                request.argLength(0));
        stats.command(command);
        ByteBuf refusal = refusal(command, request);
        if (refusal != null) {
            request.release();
            session.reply(refusal);
            return;
        }
        switch (command.routing()) {
            case LOCAL -> local(command, request);
            case PLACEHOLDER -> forward(request, pool.serverFor(PLACEHOLDER, 0, PLACEHOLDER.readableBytes()));
            case SPLIT_KEYS, SPLIT_PAIRS -> {
                int step = command.routing() == Routing.SPLIT_PAIRS ? 2 : 1;
                if (request.argc() - 1 > step) {
                    session.enqueue(Fragmenter.split(request, command, pool, session, alloc, this));
                } else {
                    forwardByKey(request, 1);
                }
            }
            default -> forwardByKey(request, command == Command.EVAL || command == Command.EVALSHA ? 3 : 1);
        }
    }

    /** The error reply for a request the proxy will not serve, or {@code null} to go on. */
    private ByteBuf refusal(Command command, Request request) {
        if (command == null) {
            return LocalReplies.unknown(request, alloc);
        }
        if (!auth.authenticated() && command != Command.AUTH && command != Command.HELLO
                && command != Command.PING && command != Command.QUIT) {
            return LocalReplies.noAuth(alloc);
        }
        if (command.routing() == Routing.UNSUPPORTED) {
            return LocalReplies.unsupported(command, alloc);
        }
        if (!command.arity().accepts(request.argc())) {
            return LocalReplies.wrongArity(request, alloc);
        }
        if ((command == Command.EVAL || command == Command.EVALSHA) && !hasKeys(request)) {
            return Resp.error(alloc, "ERR " + command.name()
                    + " through the proxy needs numkeys >= 1, no more than the arguments given: the first key picks the server");
        }
        return null;
    }

    /** EVAL script numkeys key...: numkeys all digits, at least 1, within the arguments. */
    private static boolean hasKeys(Request request) {
        String numkeys = request.argString(2);
        if (numkeys.isEmpty() || numkeys.length() > 9 || !numkeys.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int n = Integer.parseInt(numkeys);
        return n >= 1 && n <= request.argc() - 3;
    }

    private void local(Command command, Request request) {
        try {
            switch (command) {
                case PING -> session.reply(LocalReplies.ping(request, alloc));
                case ECHO -> session.reply(LocalReplies.echo(request, alloc));
                case AUTH -> session.reply(auth.auth(request, alloc));
                case SELECT -> session.reply(LocalReplies.select(request, pool.config().redisDb(), alloc));
                case QUIT -> session.replyAndClose(CannedReply.OK.buffer());
                case HELLO -> session.reply(info.hello(request, alloc));
                case CLIENT -> session.reply(info.client(request, alloc));
                default -> throw new IllegalStateException("no local reply for " + command);
            }
        } finally {
            request.release();
        }
    }

    private void forwardByKey(Request request, int keyArg) {
        forward(request, pool.serverFor(request.frame(), request.argOffset(keyArg),
                request.argLength(keyArg)));
    }

    private void forward(Request request, int serverIndex) {
        ForwardedMsg msg = new ForwardedMsg(session, alloc);
        session.enqueue(msg);
        if (serverIndex == ServerPool.NO_SERVER) {
            request.release();
            stats.forwardError();
            msg.onFailure(Errno.CONNECTION_REFUSED); // every server ejected (nutcracker: ECONNREFUSED)
            return;
        }
        forward(serverIndex, request.frame(), msg);
    }

    @Override
    public void forward(int serverIndex, ByteBuf frame, ReplyHandler handler) {
        if (!(handler instanceof ForwardedMsg)) stats.fragment(); // a sub-request made by Fragmenter
        BackendConnection connection;
        PoolRuntime current = runtime;
        if (current.fallback() == null || !command.isRead()) {
            connection = group.connection(serverIndex);
        } else if (pool.server(serverIndex).ejected()) {
            connection = current.fallbackConnection(loop, serverIndex); // its keys stay; its master has them
        } else {
            connection = group.connection(serverIndex);
            handler = new FallbackRetry(handler, frame.retainedDuplicate(),
                    () -> current.fallbackConnection(loop, serverIndex));
        }
        connection.forward(frame, handler);
        proxy.flushBatch(loop).add(connection);
    }

    /** The pool is being removed: answer what is waiting, read nothing more, then close. */
    void closeWhenDrained() {
        session.closeWhenDrained();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.releaseAll();
        stats.closed();
        LOG.debug("close c {} on p '{}' from '{}'", ctx.channel().id(), pool.name(),
                ctx.channel().remoteAddress());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client {} on pool '{}' failed: {}", ctx.channel().remoteAddress(), pool.name(), cause.toString());
        stats.error();
        ctx.close();
    }
}
