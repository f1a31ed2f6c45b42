package io.jnutcracker.route;

import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Resp;
import io.netty.buffer.ByteBufAllocator;

/** A request forwarded whole to one server: its reply goes back byte for byte (nutcracker). */
public final class ForwardedMsg extends Msg implements ReplyHandler {
    private final ByteBufAllocator alloc;

    public ForwardedMsg(Owner owner, ByteBufAllocator alloc) {
        super(owner);
        this.alloc = alloc;
    }

    @Override
    public void onReply(Reply reply) {
        done(reply.frame());
    }

    @Override
    public void onFailure(String reason) {
        done(Resp.error(alloc, "ERR " + reason));
    }
}
