package io.jnutcracker.client;

import io.jnutcracker.backend.Workers;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.Command;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.command.Routing;
import io.jnutcracker.command.Stateful;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.command.McCommand;
import io.jnutcracker.resp.CannedReply;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.RequestError;
import io.jnutcracker.route.Generation;
import io.jnutcracker.route.Pool;
import io.jnutcracker.stats.ClientStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request side of one client connection (nutcracker {@code req_recv_done}, {@code req_filter},
 * {@code req_forward}): checks each request against the command table and the auth gate, answers
 * what the proxy answers itself, and hands the rest to the forwarder chain of the pool's generation
 * in force. Its fields are the connection's; everything about one request lives in locals.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);

    private final Pool pool;
    private final long clientId;
    private final Workers workers;
    private AuthGate auth;
    private ConnectionInfo info;
    private ClientSession session;
    private ByteBufAllocator alloc;
    private ClientStats stats;
    /** Made at the first blocking command, transaction or subscription (issue 16); else null. */
    private DedicatedPath dedicated;
    private BlockingCommands blocking;
    private Transaction transaction;
    private Subscription subscription;

    ClientHandler(Pool pool, long clientId, Workers workers) {
        this.pool = pool;
        this.clientId = clientId;
        this.workers = workers;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = new ClientSession(ctx.channel(), workers.flushBatch(ctx.channel().eventLoop()), workers.budget());
        auth = new AuthGate(pool.config().redisAuth());
        info = new ConnectionInfo(clientId, auth);
        alloc = ctx.alloc();
        stats = pool.stats().clientOpened(ctx.channel());
        pool.register(session);
        LOG.debug("accepted c {} on p '{}' from '{}'", ctx.channel().id(), pool.name(), ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RequestError error) {
            if (session.closing()) {
                return;
            }
            if (error.closes()) {
                // Redis answers a protocol error and closes; earlier replies still go out first.
                stats.error();
                session.replyAndClose(error.reply(alloc));
            } else {
                session.reply(error.reply(alloc)); // memcached answers its error line and reads on
            }
            return;
        }
        Request request = (Request) msg;
        if (session.closing()) {
            request.release(); // pipelined after QUIT or a protocol error: discarded, as Redis does
            return;
        }
        Generation generation = pool.generation(); // per request: a reload applies between two
        CommandSpec spec = pool.protocol().command(request);
        if (spec instanceof McCommand mc) {
            memcache(ctx, mc, request, generation);
            return;
        }
        Command command = (Command) spec;
        stats.command(command);
        Stateful stateful = Stateful.of(command);
        ByteBuf refusal = refusal(command, stateful, request);
        if (refusal != null) {
            request.release();
            if (transaction != null) {
                transaction.refused();
            }
            session.reply(refusal);
        } else if ((stateful != null || dedicated != null) && dedicated(ctx, request, command, stateful, generation)) {
            // served on a connection of the client's own
        } else if (command.routing() == Routing.LOCAL) {
            local(command, request, generation.config());
        } else {
            ForwardedMsg reply = new ForwardedMsg(session, pool.protocol(), alloc);
            session.enqueue(reply); // first: a forward may fail at once, and the reply keeps its place
            generation.forwarder(ctx.channel().eventLoop()).forward(request, command, reply);
        }
        session.pauseIfBusy();
    }

    /**
     * A memcached request, known and well formed (the decoder answers the rest): forwarded, with no
     * reply awaited for {@code noreply}; {@code quit} closes once the owed replies are out.
     */
    private void memcache(ChannelHandlerContext ctx, McCommand command, Request request, Generation generation) {
        if (command.routing() == Routing.LOCAL) {
            request.release();
            session.replyAndClose(Unpooled.EMPTY_BUFFER); // quit: memcached closes without a reply
            return;
        }
        ReplyHandler handler;
        if (command.noreply(request)) {
            handler = ReplyHandler.NOREPLY; // nutcracker: no place in the client's reply order
        } else {
            ForwardedMsg reply = new ForwardedMsg(session, pool.protocol(), alloc);
            session.enqueue(reply);
            handler = reply;
        }
        generation.forwarder(ctx.channel().eventLoop()).forward(request, command, handler);
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

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (blocking != null && blocking.waiting() || subscription != null && subscription.active()) {
                // A wait or a subscription has nothing more to say to a client that has stopped
                // talking: Redis frees a client at EOF, and the server connection goes back now.
                ctx.close();
            } else {
                session.inputClosed(); // the decoder has passed on every complete request first
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * Blocking commands, transactions and subscriptions (issue 16): true when served here, false when
     * the request takes the normal path after all.
     */
    private boolean dedicated(ChannelHandlerContext ctx, Request request, Command command, Stateful stateful,
                              Generation generation) {
        if (dedicated == null) {
            EventLoop loop = ctx.channel().eventLoop();
            dedicated = new DedicatedPath(pool, session, alloc, loop, workers.flushBatch(loop));
        }
        if (subscription != null && subscription.active()) {
            return subscription.request(request, command, stateful, generation);
        }
        Stateful.Kind kind = stateful == null ? null : stateful.kind();
        if (transaction != null && transaction.engaged() || kind != null && kind != Stateful.Kind.BLOCKING
                && kind != Stateful.Kind.SUBSCRIBE) {
            if (transaction == null) {
                transaction = new Transaction(dedicated);
            }
            if (transaction.request(request, command, stateful, generation)) {
                return true;
            }
        }
        if (kind == Stateful.Kind.BLOCKING) {
            if (blocking == null) {
                blocking = new BlockingCommands(dedicated);
            }
            blocking.forward(request, stateful, generation);
            return true;
        }
        if (kind == Stateful.Kind.SUBSCRIBE) {
            if (subscription == null) {
                subscription = new Subscription(dedicated);
            }
            return subscription.request(request, command, stateful, generation);
        }
        return false;
    }

    /** The error reply for a request the proxy will not serve, or {@code null} to go on. */
    private ByteBuf refusal(Command command, Stateful stateful, Request request) {
        if (command == null) {
            return LocalReplies.unknown(request, alloc);
        }
        if (!auth.authenticated() && !command.beforeAuth()) {
            return LocalReplies.noAuth(alloc);
        }
        if (command.routing() == Routing.UNSUPPORTED) {
            return LocalReplies.unsupported(command, alloc);
        }
        if (!command.accepts(request.argc()) || stateful != null && !stateful.accepts(request.argc())) {
            return LocalReplies.wrongArity(command, alloc);
        }
        return null;
    }

    private void local(Command command, Request request, PoolConfig config) {
        try {
            switch (command.group()) {
                case "PING" -> session.reply(LocalReplies.ping(request, alloc));
                case "ECHO" -> session.reply(LocalReplies.echo(request, alloc));
                case "AUTH" -> session.reply(auth.auth(request, alloc));
                case "SELECT" -> session.reply(LocalReplies.select(request, config.redisDb(), alloc));
                case "QUIT" -> session.replyAndClose(CannedReply.OK.buffer());
                case "HELLO" -> session.reply(info.hello(request, alloc));
                case "CLIENT" -> session.reply(info.client(request, alloc));
                case "COMMAND" -> session.reply(LocalReplies.commandCount(alloc)); // COMMAND COUNT
                default -> throw new IllegalStateException("no local reply for " + command);
            }
        } finally {
            request.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.releaseAll();
        if (blocking != null) {
            blocking.close();
        }
        if (transaction != null) {
            transaction.close();
        }
        if (subscription != null) {
            subscription.close(true);
        }
        pool.unregister(session);
        stats.closed();
        LOG.debug("close c {} on p '{}' from '{}'", ctx.channel().id(), pool.name(), ctx.channel().remoteAddress());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client {} on pool '{}' failed: {}", ctx.channel().remoteAddress(), pool.name(), cause.toString());
        stats.error();
        ctx.close();
    }
}
