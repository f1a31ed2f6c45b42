package io.jnutcracker.topology;

import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Resp;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The probe's end of one short connection, behind the data path's {@code ReplyDecoder}: sends all
 * commands at once when the connection is up, turns each {@link Reply} into an {@link Answer} (text,
 * so nothing reference counted outlives the event loop) and completes {@link #result} when every
 * command has its answer, or exceptionally at the first failure. {@link #stage()} names what is
 * still awaited, for the timeout message.
 */
final class ProbeHandler extends ChannelInboundHandlerAdapter {
    final CompletableFuture<List<Answer>> result = new CompletableFuture<>();
    private final List<String[]> commands;
    private final List<Answer> answers = new ArrayList<>();
    private volatile String stage = "connect";

    ProbeHandler(List<String[]> commands) {
        this.commands = List.copyOf(commands);
    }

    /** {@code connect}, {@code write} or {@code reply}: the step a deadline would cut short. */
    String stage() {
        return stage;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        stage = "write";
        ByteBuf out = ctx.alloc().buffer();
        for (String[] args : commands) {
            Resp.writeArrayHeader(out, args.length);
            for (String a : args) {
                Resp.writeBulk(out, a.getBytes(StandardCharsets.UTF_8));
            }
        }
        ctx.writeAndFlush(out).addListener(f -> {
            if (f.isSuccess()) {
                stage = "reply";
            } else {
                fail(ctx, f.cause());
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Reply reply)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            answers.add(Answer.of(reply));
        } finally {
            reply.release();
        }
        if (answers.size() == commands.size()) {
            result.complete(List.copyOf(answers));
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.completeExceptionally(new IOException("connection closed by server"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(cause);
        ctx.close();
    }

    /**
     * Ahead of the decoder: refuses a connection that sends more than {@code max} bytes in all. An
     * {@code INFO replication} is a few KB; without a bound, a server that is not redis (or a huge
     * bulk) would have the decoder buffer it until the deadline.
     */
    static final class InputLimit extends ChannelInboundHandlerAdapter {
        /** What the probe accepts from one server: far above any INFO reply. */
        static final int MAX_BYTES = 4 * 1024 * 1024;

        private final long max;
        private long seen;

        InputLimit(long max) {
            this.max = max;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b && (seen += b.readableBytes()) > max) {
                b.release();
                ctx.fireExceptionCaught(new IOException("protocol error: reply of more than " + max + " bytes"));
                ctx.close();
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
