package io.jnutcracker.route;

import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.Command;
import io.jnutcracker.resp.Reply;
import io.netty.buffer.ByteBufAllocator;

/**
 * A multi-key request split across servers, waiting for all its fragments (nutcracker's parent msg
 * with {@code frag_owner}/{@code nfrag_done}). When the last fragment is answered the replies are
 * merged by {@link Coalescer}. All fragments complete on the client's event loop, so no locking.
 */
final class FragmentedMsg extends Msg {
    private final Command command;
    private final ByteBufAllocator alloc;
    private final Reply[] replies;
    /** key i is element {@code keyPosition[i]} of fragment {@code keyFragment[i]}'s reply. */
    private final int[] keyFragment;
    private final int[] keyPosition;
    private String failure;
    private int remaining;

    FragmentedMsg(Owner owner, Command command, ByteBufAllocator alloc, int fragments, int[] keyFragment,
                  int[] keyPosition) {
        super(owner);
        this.command = command;
        this.alloc = alloc;
        this.replies = new Reply[fragments];
        this.remaining = fragments;
        this.keyFragment = keyFragment;
        this.keyPosition = keyPosition;
    }

    ReplyHandler fragment(int index) {
        return new ReplyHandler() {
            @Override
            public void onReply(Reply reply) {
                replies[index] = reply;
                fragmentDone();
            }

            @Override
            public void onFailure(String reason) {
                if (failure == null) {
                    failure = reason;
                }
                fragmentDone();
            }
        };
    }

    private void fragmentDone() {
        if (--remaining > 0) {
            return;
        }
        try {
            done(Coalescer.merge(command, replies, failure, keyFragment, keyPosition, alloc));
        } finally {
            for (Reply r : replies) {
                if (r != null) {
                    r.release();
                }
            }
        }
    }
}
