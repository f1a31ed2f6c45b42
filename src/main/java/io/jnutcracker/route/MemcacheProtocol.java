package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.command.McCommand;
import io.jnutcracker.memcache.McReplyDecoder;
import io.jnutcracker.memcache.McRequestDecoder;
import io.jnutcracker.resp.Chain;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.RespType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import java.nio.charset.StandardCharsets;

/**
 * The memcached ASCII protocol, nutcracker's pools without {@code redis: true}
 * ({@code proto/nc_memcache.c}). A get/gets of several keys is split by server
 * ({@code memcache_fragment_retrieval}: {@code get k1 k2\r\n} per server, keys in request order)
 * and the values merged into one reply with a single {@code END} ({@code memcache_post_coalesce}).
 */
public enum MemcacheProtocol implements Protocol {
    INSTANCE;

    private static final byte[] END = "END\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SPACE = {' '};
    /** {@code "VALUE "}: where a value line's key starts. */
    private static final int KEY_START = 6;

    @Override
    public ChannelHandler newRequestDecoder(int largestValue) {
        return new McRequestDecoder(largestValue);
    }

    @Override
    public ChannelHandler newReplyDecoder() {
        return new McReplyDecoder();
    }

    @Override
    public CommandSpec command(Request request) {
        return McCommand.lookup(request.frame(), request.argOffset(0), request.argLength(0));
    }

    @Override
    public Split split(Request request, CommandSpec command, Placement placement, ByteBufAllocator alloc) {
        byte[] name = (((McCommand) command).wireName() + " ").getBytes(StandardCharsets.US_ASCII);
        return Fragmenter.split(request, command, placement, alloc,
                (r, keyFragment, fragment, keys, a) -> fragment(r, name, keyFragment, fragment, keys, a), true);
    }

    /** {@code get k1 k2\r\n}: the name, then this fragment's keys, copied (see {@code Chain.Builder}). */
    private static ByteBuf fragment(Request request, byte[] name, int[] keyFragment, int fragment, int keys,
                                    ByteBufAllocator alloc) {
        int flatBytes = name.length + 2;
        for (int k = 0; k < keyFragment.length; k++) {
            flatBytes += keyFragment[k] == fragment ? request.argLength(1 + k) + 1 : 0;
        }
        Chain.Builder frame = Chain.builder(alloc, flatBytes);
        frame.flat().writeBytes(name);
        int added = 0;
        for (int k = 0; k < keyFragment.length; k++) {
            if (keyFragment[k] == fragment) {
                frame.add(request.frame(), request.argOffset(1 + k), request.argLength(1 + k));
                frame.flat().writeBytes(++added < keys ? SPACE : CRLF);
            }
        }
        return frame.build();
    }

    /**
     * One {@code VALUE} block per hit in request order (each fragment's values are matched to its
     * keys by name, so a miss leaves nothing and a duplicate key gets each of its values), then one
     * {@code END}. A fragment that failed ({@code null}) counts as misses, so the hits of the live
     * servers still reach the client; a fragment that answered an error line makes the reply that line.
     */
    @Override
    public ByteBuf merge(CommandSpec command, Split split, Reply[] replies, ByteBufAllocator alloc) {
        for (Reply reply : replies) {
            if (reply != null && reply.type() != RespType.ARRAY) {
                return reply.frame().retainedDuplicate();
            }
        }
        int[] cursor = new int[replies.length];
        Chain.Builder out = Chain.builder(alloc, 64);
        Request request = split.request();
        for (int k = 0; k < split.keyFragment().length; k++) {
            Reply reply = replies[split.keyFragment()[k]];
            int f = split.keyFragment()[k];
            if (reply != null && cursor[f] < reply.elementCount()) {
                ByteBuf value = reply.element(cursor[f]);
                if (keyIs(value, request, 1 + k)) {
                    out.add(reply.frame(), reply.elementOffset(cursor[f]), reply.elementLength(cursor[f]));
                    cursor[f]++;
                }
            }
        }
        out.flat().writeBytes(END);
        return out.build();
    }

    @Override
    public boolean mergesPartial() {
        return true;
    }

    private static boolean keyIs(ByteBuf value, Request request, int arg) {
        int length = request.argLength(arg);
        if (value.readableBytes() < KEY_START + length + 1 || value.getByte(KEY_START + length) != ' ') {
            return false;
        }
        ByteBuf frame = request.frame();
        int offset = request.argOffset(arg);
        for (int i = 0; i < length; i++) {
            if (value.getByte(KEY_START + i) != frame.getByte(offset + i)) {
                return false;
            }
        }
        return true;
    }

    /** nutcracker's memcached error for a request without a reply: {@code SERVER_ERROR <strerror>}. */
    @Override
    public ByteBuf crossServer(ByteBufAllocator alloc) {
        // Unreachable today: every memcached command has one key, but for get/gets, which split.
        byte[] line = "SERVER_ERROR keys on several servers\r\n".getBytes(StandardCharsets.ISO_8859_1);
        return alloc.buffer(line.length).writeBytes(line);
    }

    @Override
    public ByteBuf failure(ByteBufAllocator alloc, CloseReason reason) {
        byte[] line = ("SERVER_ERROR " + reason.text() + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return alloc.buffer(line.length).writeBytes(line);
    }
}
