package io.jnutcracker.client;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.route.Protocol;
import io.netty.buffer.ByteBufAllocator;

/**
 * A request handed to the pool's forwarders: its reply goes back byte for byte (nutcracker), or,
 * when there is none, the protocol's error naming the reason.
 */
final class ForwardedMsg extends Msg implements ReplyHandler {
    private final Protocol protocol;
    private final ByteBufAllocator alloc;

    ForwardedMsg(Owner owner, Protocol protocol, ByteBufAllocator alloc) {
        super(owner);
        this.protocol = protocol;
        this.alloc = alloc;
    }

    @Override
    public void onReply(Reply reply) {
        done(reply.frame());
    }

    @Override
    public void onFailure(CloseReason reason) {
        done(protocol.failure(alloc, reason));
    }
}
