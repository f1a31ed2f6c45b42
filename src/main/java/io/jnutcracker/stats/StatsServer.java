package io.jnutcracker.stats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * nutcracker's stats port ({@code stats_listen}/{@code stats_send_rsp}): each connection gets one
 * JSON document, then our side of it is shut down. Whatever the client sends is read and dropped
 * (unread bytes would turn the close into a reset that can beat the document to the client), and the
 * connection closes when the client closes its side or at the deadline.
 *
 * <p>nutcracker writes the document with a blocking send on its stats thread, so one client that
 * connects and never reads can stop the stats port once the document outgrows the socket buffers
 * (hundreds of servers); here such a client holds one of {@link #LIMITS}' slots until the deadline,
 * and a client that sends half a line and waits holds nothing up either: nothing waits for its input.
 */
final class StatsServer {
    /**
     * 64 clients at once (monitoring polls one at a time; nutcracker serves them one by one), and
     * 10 s for one to take its document and close: a few KB, on any network that can poll it.
     */
    static final StatsEndpoints.Limits LIMITS = new StatsEndpoints.Limits(64, 10_000);

    private final Channel channel;

    private StatsServer(Channel channel) {
        this.channel = channel;
    }

    /** Binds {@code address:port} on {@code endpoints}' thread; throws with nutcracker's wording. */
    static StatsServer start(StatsEndpoints endpoints, String address, int port, Supplier<byte[]> document)
            throws IOException {
        return start(endpoints, address, port, document, LIMITS);
    }

    static StatsServer start(StatsEndpoints endpoints, String address, int port, Supplier<byte[]> document,
                             StatsEndpoints.Limits limits) throws IOException {
        return new StatsServer(endpoints.bind("stats server", address, port, limits,
                ch -> ch.pipeline().addLast("stats", new Send(document))));
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    void close() {
        channel.close().awaitUninterruptibly();
    }

    /** Sends the document as the connection opens, then half-closes; drops whatever comes in. */
    private static final class Send extends ChannelInboundHandlerAdapter {
        private final Supplier<byte[]> document;

        Send(Supplier<byte[]> document) {
            this.document = document;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ByteBuf doc = Unpooled.wrappedBuffer(document.get());
            ctx.writeAndFlush(doc).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ((SocketChannel) f.channel()).shutdownOutput();
                } else {
                    ctx.fireExceptionCaught(f.cause());
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
