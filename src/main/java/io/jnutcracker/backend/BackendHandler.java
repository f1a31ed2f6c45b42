package io.jnutcracker.backend;

import io.jnutcracker.resp.Reply;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/** Hands each decoded {@link Reply} and each connection event to its {@link BackendConnection}. */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private final BackendConnection connection;

    BackendHandler(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.onReply((Reply) msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.onException(cause);
    }

    /** A failed TLS handshake (a timeout raises no exception): the waiting requests get its reason. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess()) {
            connection.onException(e.cause());
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** First in the pipeline: tells the connection that bytes arrived, before they are decoded. */
    static final class Progress extends ChannelInboundHandlerAdapter {
        private final BackendConnection connection;

        Progress(BackendConnection connection) {
            this.connection = connection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            connection.bytesArrived();
            ctx.fireChannelRead(msg);
        }
    }
}
