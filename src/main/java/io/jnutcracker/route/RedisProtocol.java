package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.command.Command;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.command.CommandTable;
import io.jnutcracker.resp.CannedReply;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.ReplyDecoder;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.RequestDecoder;
import io.jnutcracker.resp.Resp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;

/** The Redis protocol (RESP2), nutcracker's {@code redis: true}. */
public enum RedisProtocol implements Protocol {
    INSTANCE;

    @Override
    public ChannelHandler newRequestDecoder(int largestValue) {
        return new RequestDecoder(RequestDecoder.MAX_MULTIBULK_LENGTH, Math.min(largestValue, RequestDecoder.MAX_BULK_LENGTH));
    }

    @Override
    public ChannelHandler newReplyDecoder() {
        return new ReplyDecoder();
    }

    @Override
    public Command command(Request request) {
        return CommandTable.lookup(request);
    }

    @Override
    public Split split(Request request, CommandSpec command, Placement placement, ByteBufAllocator alloc) {
        return Fragmenter.split(request, (Command) command, placement, alloc);
    }

    @Override
    public ByteBuf merge(CommandSpec command, Split split, Reply[] replies, ByteBufAllocator alloc) {
        return Coalescer.merge((Command) command, replies, split.keyFragment(), split.keyPosition(), alloc);
    }

    @Override
    public ByteBuf crossServer(ByteBufAllocator alloc) {
        return CannedReply.CROSS_SERVER.buffer();
    }

    @Override
    public ByteBuf failure(ByteBufAllocator alloc, CloseReason reason) {
        return Resp.error(alloc, "ERR " + reason.text());
    }
}
