package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;

/**
 * A wire protocol as a value (nutcracker's per-protocol function pointers in {@code struct msg}:
 * parse, fragment, coalesce, error replies): what the data path needs to know of it, so a pool
 * picks one from its {@code redis:} setting and nothing else branches on it: Redis
 * ({@link RedisProtocol}) and memcached ASCII ({@link MemcacheProtocol}).
 */
public interface Protocol {
    /**
     * A decoder of client bytes into {@link Request}s, one per client connection, refusing any value
     * larger than {@code largestValue} bytes with an error.
     */
    ChannelHandler newRequestDecoder(int largestValue);

    /** A decoder of server bytes into {@link Reply}s, one per server connection. */
    ChannelHandler newReplyDecoder();

    /** The command table entry for {@code request}, or {@code null} when the protocol has none. */
    CommandSpec command(Request request);

    /**
     * Splits a multi-key {@code request} (which this consumes) by server: one sub-request per server
     * in server order, or {@code null} when some key has no live server.
     */
    Split split(Request request, CommandSpec command, Placement placement, ByteBufAllocator alloc);

    /** The reply to a split request from its parts' replies (not released here). */
    ByteBuf merge(CommandSpec command, Split split, Reply[] replies, ByteBufAllocator alloc);

    /**
     * Whether a split request whose parts partly failed still gets the merge of the parts that
     * answered (failed parts are {@code null} in {@link #merge}); if not, it gets the failure.
     */
    default boolean mergesPartial() {
        return false;
    }

    /** The error reply for a request whose keys live on several servers and cannot be split. */
    ByteBuf crossServer(ByteBufAllocator alloc);

    /** The error reply for a request that got no reply from its server. */
    ByteBuf failure(ByteBufAllocator alloc, CloseReason reason);

    /** Where keys live: the server index for a key, or {@link ServerPool#NO_SERVER}. */
    @FunctionalInterface
    interface Placement {
        int serverFor(ByteBuf buf, int index, int length);
    }

    /**
     * A request split by server.
     *
     * @param servers server index of each sub-request
     * @param frames each sub-request, encoded; ownership passes to whoever sends it
     * @param keyFragment for key {@code i} of the original request, the sub-request holding it
     * @param keyPosition for key {@code i}, its position among that sub-request's keys
     * @param request the original request, kept (one reference, released by {@link #release()}) when
     *     the merge reads its keys; else {@code null}
     */
    record Split(int[] servers, ByteBuf[] frames, int[] keyFragment, int[] keyPosition, Request request) {
        public int size() {
            return servers.length;
        }

        /** Lets go of the original request, once merged. */
        public void release() {
            if (request != null) {
                request.release();
            }
        }
    }
}
