package io.jnutcracker.sentinel;

import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Resp;
import io.jnutcracker.resp.ReplyDecoder;
import io.jnutcracker.resp.RespType;
import io.jnutcracker.topology.Answer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's subscription to one Sentinel, behind the data path's {@link ReplyDecoder}: on connect
 * it sends {@code AUTH} (when {@code jn_sentinel_auth} is set) and one {@code SUBSCRIBE} for
 * {@link SentinelEvent#CHANNELS}; once every channel is confirmed it reports {@link Listener#subscribed}
 * (the watcher asks again then, for anything said while it was not listening); each message after that
 * goes to {@link Listener#event}. It runs on the watcher's own event loop and only hands work over.
 */
final class SentinelLink extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelLink.class);

    /** Where a link reports; called on the link's event loop, so it must only hand over. */
    interface Listener {
        void subscribed(String sentinel);

        void event(String sentinel, SentinelEvent event);
    }

    private final String sentinel;
    private final String password;
    private final Listener listener;
    private int confirmed;

    SentinelLink(String sentinel, String password, Listener listener) {
        this.sentinel = sentinel;
        this.password = password;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ByteBuf out = ctx.alloc().buffer();
        if (password != null) {
            write(out, List.of("AUTH", password));
        }
        List<String> subscribe = new java.util.ArrayList<>(List.of("SUBSCRIBE"));
        subscribe.addAll(List.of(SentinelEvent.CHANNELS));
        write(out, subscribe);
        ctx.writeAndFlush(out);
        ctx.fireChannelActive();
    }

    private static void write(ByteBuf out, List<String> args) {
        Resp.writeArrayHeader(out, args.size());
        for (String a : args) {
            Resp.writeBulk(out, a.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Reply reply)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Answer answer;
        try {
            answer = Answer.of(reply);
        } finally {
            reply.release();
        }
        if (answer.error()) {
            LOG.warn("sentinel {} refused the subscription: {}", sentinel, answer.text());
            ctx.close(); // retried later, as for a lost connection
            return;
        }
        if (answer.type() != RespType.ARRAY && answer.type() != RespType.PUSH) {
            return; // +OK to AUTH
        }
        List<String> t = answer.texts();
        if (t.size() == 3 && "subscribe".equals(t.get(0)) && ++confirmed == SentinelEvent.CHANNELS.length) {
            listener.subscribed(sentinel);
        } else if (t.size() == 3 && "message".equals(t.get(0))) {
            SentinelEvent event = SentinelEvent.parse(t.get(1), t.get(2));
            if (event == null) {
                LOG.debug("sentinel {}: ignored {} {}", sentinel, t.get(1), t.get(2));
            } else {
                listener.event(sentinel, event);
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("sentinel {}: {}", sentinel, cause.toString());
        ctx.close();
    }
}
