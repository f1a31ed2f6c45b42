package io.jnutcracker.stats;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread and the listening sockets of the stats port and the Prometheus endpoint: one Netty
 * event loop of their own ({@code jn-stats-server}), never one of the proxy's, so no scraper can
 * slow the data path. Every listener bounds its connections ({@link Limits}): at most
 * {@code maxConnections} at once (more are closed as they are accepted), and each is closed when it
 * has not completed its exchange within {@code deadlineMillis} (a half-sent request, a client that
 * does not read), so a few careless or hostile clients can hold a slot for a bounded time only.
 */
final class StatsEndpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatsEndpoints.class);
    /** nutcracker's listen(2) backlog for the stats port (SOMAXCONN as far as the kernel allows). */
    private static final int BACKLOG = 4096;

    /** How many connections a listener holds at once, and how long one may take to finish. */
    record Limits(int maxConnections, long deadlineMillis) {
    }

    private final EventLoopGroup group;

    StatsEndpoints() {
        // NIO rather than the proxy's epoll: a handful of short connections, and this works
        // whatever transport the proxy picked.
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jn-stats-server", true),
                NioIoHandler.newFactory());
    }

    /**
     * Binds {@code address:port} (SO_REUSEADDR) and gives every accepted connection, within
     * {@code limits}, to {@code pipeline}; {@code what} names the listener in errors and the log
     * ("stats server", "prometheus"). Throws with nutcracker's wording when the bind fails.
     */
    Channel bind(String what, String address, int port, Limits limits, Consumer<Channel> pipeline)
            throws IOException {
        String where = address + ":" + port;
        AtomicInteger open = new AtomicInteger();
        ChannelHandler init = new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (open.incrementAndGet() > limits.maxConnections()) {
                    open.decrementAndGet();
                    LOG.debug("{}: {} connections open, closing {}", what, limits.maxConnections(), ch.remoteAddress());
                    ch.close();
                    return;
                }
                ch.closeFuture().addListener(f -> open.decrementAndGet());
                pipeline.accept(ch);
                // Last, so that it sees the exceptions of every handler before it as well as the socket's.
                ch.pipeline().addLast("deadline", new Deadline(what, limits.deadlineMillis()));
            }
        };
        try {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(address), port);
            return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.SO_BACKLOG, BACKLOG)
                    .childHandler(init)
                    .bind(at).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("bind on " + what + " addr '" + where + "' interrupted", e);
        } catch (Exception e) { // bind's IOException is thrown unchecked through sync()
            IOException io = e instanceof IOException ioe ? ioe : new IOException(e.getMessage(), e);
            throw new IOException("bind on " + what + " addr '" + where + "' failed: " + reason(io), io);
        }
    }

    @Override
    public void close() {
        // No quiet period: nothing is queued that must still go out. 2 s bounds a stuck close.
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** The text of the error, as strerror would put it ("Address already in use"). */
    static String reason(IOException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int paren = m.indexOf(" (");
        if (paren > 0 && m.startsWith("Address already in use")) {
            return m.substring(0, paren);
        }
        int colon = m.lastIndexOf(": ");
        // Netty's native errors read "bind(..) failed: Address already in use".
        return colon > 0 && m.startsWith("bind(") ? m.substring(colon + 2) : m;
    }

    /**
     * Closes the connection {@code millis} after it opened unless {@link #extend} or the close came
     * first. Also where a connection's failure (reset, broken pipe, bad request) ends: one line at
     * debug, never a stack trace; a scraper that gives up is normal operation.
     */
    static final class Deadline extends ChannelInboundHandlerAdapter {
        private final String what;
        private final long millis;
        private ScheduledFuture<?> timer;

        Deadline(String what, long millis) {
            this.what = what;
            this.millis = millis;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            extend(ctx);
        }

        /** Starts the clock again: a finished exchange gives a kept-alive connection a new period. */
        void extend(ChannelHandlerContext ctx) {
            cancel();
            timer = ctx.executor().schedule(() -> {
                LOG.debug("{}: closing {}: exchange not finished within {} msec", what,
                        ctx.channel().remoteAddress(), millis);
                ctx.close();
            }, millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{}: connection from {} aborted: {}", what, ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }

        private void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
