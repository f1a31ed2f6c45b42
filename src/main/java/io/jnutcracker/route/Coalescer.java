package io.jnutcracker.route;

import io.jnutcracker.command.Command;
import io.jnutcracker.resp.Chain;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.CannedReply;
import io.jnutcracker.resp.Resp;
import io.jnutcracker.resp.RespType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Merges the fragment replies of a split request (nutcracker {@code redis_pre/post_coalesce}): MGET
 * becomes one array in the client's key order, DEL/UNLINK/TOUCH/EXISTS the sum of the counts, MSET
 * {@code +OK}; and the replies of every server to a request sent to all (DBSIZE summed, SCRIPT LOAD
 * the first, SCRIPT EXISTS element by element, INFO by {@link InfoMerge}). The MGET array copies small values and chains large ones ({@code Chain.Builder}).
 *
 * <p>Errors: nutcracker answers {@code -ERR Invalid argument} whatever went wrong, and closes the
 * client after a failed MGET. Here the first failure wins and is named: a server's own error reply is
 * passed on verbatim; a transport failure of any part fails the whole request (see {@code Fragments}); the
 * connection stays open.
 */
final class Coalescer {
    private Coalescer() {
    }

    /** The merged reply of replies that all arrived; does not release {@code replies}. */
    static ByteBuf merge(Command command, Reply[] replies, int[] keyFragment, int[] keyPosition,
                         ByteBufAllocator alloc) {
        for (Reply r : replies) {
            if (r.isError()) {
                return r.frame().retainedDuplicate();
            }
        }
        return switch (command.routing()) { // the command table's split rule is also its merge rule
            case SPLIT_VALUES -> mget(replies, keyFragment, keyPosition, alloc);
            case SPLIT_PAIRS -> allOk(replies, alloc);
            case ALL_SAME -> replies[0].frame().retainedDuplicate();
            case ALL_AND -> everywhere(replies, alloc);
            case INFO -> InfoMerge.merge(replies, alloc);
            default -> sum(replies, alloc);
        };
    }

    private static ByteBuf mget(Reply[] replies, int[] keyFragment, int[] keyPosition, ByteBufAllocator alloc) {
        int[] expected = new int[replies.length];
        for (int f : keyFragment) {
            expected[f]++;
        }
        for (int f = 0; f < replies.length; f++) {
            if (replies[f].type() != RespType.ARRAY || replies[f].elementCount() != expected[f]) {
                return unexpected(alloc);
            }
        }
        int flatBytes = 16;
        for (int k = 0; k < keyFragment.length; k++) {
            int length = replies[keyFragment[k]].elementLength(keyPosition[k]);
            flatBytes += Chain.Builder.flatShare(length);
        }
        Chain.Builder merged = Chain.builder(alloc, flatBytes);
        Resp.writeArrayHeader(merged.flat(), keyFragment.length);
        for (int k = 0; k < keyFragment.length; k++) {
            Reply reply = replies[keyFragment[k]];
            merged.add(reply.frame(), reply.elementOffset(keyPosition[k]), reply.elementLength(keyPosition[k]));
        }
        return merged.build();
    }

    private static ByteBuf sum(Reply[] replies, ByteBufAllocator alloc) {
        long total = 0;
        for (Reply r : replies) {
            if (r.type() != RespType.INTEGER) {
                return unexpected(alloc);
            }
            total += r.integer();
        }
        ByteBuf out = alloc.buffer(24);
        Resp.writeInteger(out, total);
        return out;
    }

    /** Arrays of 0/1 of one length (SCRIPT EXISTS): 1 where every server answered 1. */
    private static ByteBuf everywhere(Reply[] replies, ByteBufAllocator alloc) {
        int n = replies[0].elementCount();
        for (Reply r : replies) {
            if (r.type() != RespType.ARRAY || r.elementCount() != n) {
                return unexpected(alloc);
            }
        }
        ByteBuf out = alloc.buffer(16 + 4 * n);
        Resp.writeArrayHeader(out, n);
        for (int i = 0; i < n; i++) {
            boolean all = true;
            for (Reply r : replies) {
                ByteBuf e = r.element(i);
                all &= e.readableBytes() >= 2 && e.getByte(e.readerIndex()) == ':' && e.getByte(e.readerIndex() + 1) == '1';
            }
            Resp.writeInteger(out, all ? 1 : 0);
        }
        return out;
    }

    private static ByteBuf allOk(Reply[] replies, ByteBufAllocator alloc) {
        for (Reply r : replies) {
            if (r.type() != RespType.SIMPLE_STRING) {
                return unexpected(alloc);
            }
        }
        return CannedReply.OK.buffer();
    }

    private static ByteBuf unexpected(ByteBufAllocator alloc) {
        return Resp.error(alloc, "ERR unexpected reply from a server to a split request");
    }
}
