package io.jnutcracker.route;

import io.jnutcracker.command.Command;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.Resp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Splits a multi-key request into one sub-request per server (nutcracker {@code redis_fragment}):
 * keys are grouped by the server that owns them, each group keeps the keys' relative order, and the
 * groups go out in server order with the command name in lower case, as nutcracker rebuilds them.
 * Sub-requests are composite buffers of slices of the original frame: no key or value is copied.
 */
final class Fragmenter {
    private Fragmenter() {
    }

    /** Builds the sub-request for {@code fragment}, holding its {@code keys} keys (those whose keyFragment is it). */
    @FunctionalInterface
    interface FrameBuilder {
        ByteBuf build(Request request, int[] keyFragment, int fragment, int keys, ByteBufAllocator alloc);
    }

    /** Splits a Redis {@code request} (whose frame this consumes); {@code null} when a key has no live server. */
    static Protocol.Split split(Request request, Command command, Protocol.Placement placement, ByteBufAllocator alloc) {
        int step = command.keyStep();
        return split(request, command, placement, alloc,
                (r, keyFragment, f, keys, a) -> buildFragment(r, command, step, keyFragment, f, keys, a), false);
    }

    /**
     * Groups the keys of {@code request} (whose frame this consumes) by server and has {@code builder}
     * encode each group; {@code null} when a key has no live server. Any protocol's split;
     * {@code keepRequest} keeps a reference to {@code request} in the split, for a merge that reads keys.
     */
    static Protocol.Split split(Request request, CommandSpec command, Protocol.Placement placement, ByteBufAllocator alloc,
                                FrameBuilder builder, boolean keepRequest) {
        try {
            int step = command.keyStep();
            int keys = (request.argc() - 1) / step;
            int[] serverOfKey = new int[keys];
            int maxServer = -1;
            for (int k = 0; k < keys; k++) {
                int arg = 1 + k * step;
                int server = placement.serverFor(request.frame(), request.argOffset(arg), request.argLength(arg));
                if (server == ServerPool.NO_SERVER) {
                    return null;
                }
                serverOfKey[k] = server;
                maxServer = Math.max(maxServer, server);
            }
            boolean[] touched = new boolean[maxServer + 1];
            for (int server : serverOfKey) {
                touched[server] = true;
            }
            int[] fragmentOfServer = new int[touched.length];
            int fragments = 0;
            for (int s = 0; s < touched.length; s++) { // fragments go out in server order, as nutcracker's
                if (touched[s]) {
                    fragmentOfServer[s] = fragments++;
                }
            }
            int[] servers = new int[fragments];
            int[] keysInFragment = new int[fragments];
            int[] keyFragment = new int[keys];
            int[] keyPosition = new int[keys];
            for (int k = 0; k < keys; k++) {
                int f = fragmentOfServer[serverOfKey[k]];
                servers[f] = serverOfKey[k];
                keyFragment[k] = f;
                keyPosition[k] = keysInFragment[f]++;
            }
            ByteBuf[] frames = new ByteBuf[fragments];
            for (int f = 0; f < fragments; f++) {
                frames[f] = builder.build(request, keyFragment, f, keysInFragment[f], alloc);
            }
            return new Protocol.Split(servers, frames, keyFragment, keyPosition, keepRequest ? (Request) request.retain() : null);
        } finally {
            request.release();
        }
    }

    private static ByteBuf buildFragment(Request request, Command command, int step, int[] keyFragment,
                                         int fragment, int keys, ByteBufAllocator alloc) {
        CompositeByteBuf frame = alloc.compositeBuffer(1 + keys * step * 2);
        ByteBuf header = alloc.buffer(32);
        Resp.writeArrayHeader(header, 1 + keys * step);
        Resp.writeBulk(header, command.name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        frame.addComponent(true, header);
        for (int k = 0; k < keyFragment.length; k++) {
            if (keyFragment[k] == fragment) {
                for (int j = 0; j < step; j++) {
                    addBulk(frame, request, 1 + k * step + j, alloc);
                }
            }
        }
        return frame;
    }

    /** Appends argument {@code arg} as a bulk string, slicing the client's own encoding when canonical. */
    private static void addBulk(CompositeByteBuf frame, Request request, int arg, ByteBufAllocator alloc) {
        ByteBuf src = request.frame();
        int start = request.argOffset(arg);
        int length = request.argLength(arg);
        int headerLength = 3 + digits(length);
        int bulkStart = start - headerLength;
        if (bulkStart >= 0 && src.getByte(bulkStart) == '$') {
            frame.addComponent(true, src.retainedSlice(bulkStart, headerLength + length + 2));
        } else {
            ByteBuf header = alloc.buffer(headerLength);
            Resp.writeBulkHeader(header, length);
            frame.addComponent(true, header);
            frame.addComponent(true, src.retainedSlice(start, length + 2));
        }
    }


    private static int digits(int n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }
}
