package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.resp.Reply;
import io.netty.buffer.ByteBufAllocator;

/**
 * The parts of a split request in flight (nutcracker's parent msg with {@code frag_owner} and
 * {@code nfrag_done}): each part's reply is kept until the last arrives, then the protocol merges
 * them into the one reply the client gets. If any part fails, the request fails with the first
 * reason (nutcracker: {@code -ERR Invalid argument} whatever went wrong), unless the protocol merges
 * what the other parts answered ({@link Protocol#mergesPartial()}: memcached gets). All parts
 * complete on the client's event loop, so no locking.
 */
final class Fragments {
    private final ReplyHandler parent;
    private final CommandSpec command;
    private final Protocol.Split split;
    private final Protocol protocol;
    private final ByteBufAllocator alloc;
    private final Reply[] replies;
    private CloseReason failure;
    private int remaining;

    Fragments(ReplyHandler parent, CommandSpec command, Protocol.Split split, Protocol protocol, ByteBufAllocator alloc) {
        this.parent = parent;
        this.command = command;
        this.split = split;
        this.protocol = protocol;
        this.alloc = alloc;
        this.replies = new Reply[split.size()];
        this.remaining = split.size();
    }

    /** The handler of part {@code index}. */
    ReplyHandler part(int index) {
        return new ReplyHandler() {
            @Override
            public void onReply(Reply reply) {
                replies[index] = reply;
                partDone();
            }

            @Override
            public void onFailure(CloseReason reason) {
                if (failure == null) {
                    failure = reason;
                }
                partDone();
            }
        };
    }

    private boolean answered() {
        for (Reply r : replies) {
            if (r != null) {
                return true;
            }
        }
        return false;
    }

    private void partDone() {
        if (--remaining > 0) {
            return;
        }
        try {
            if (failure != null && !(protocol.mergesPartial() && answered())) {
                parent.onFailure(failure);
            } else {
                parent.onReply(Reply.merged(protocol.merge(command, split, replies, alloc)));
            }
        } finally {
            split.release();
            for (Reply r : replies) {
                if (r != null) {
                    r.release();
                }
            }
        }
    }
}
