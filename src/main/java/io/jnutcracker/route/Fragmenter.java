package io.jnutcracker.route;

import io.jnutcracker.command.Command;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.resp.Chain;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.Resp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Splits a multi-key request into one sub-request per server (nutcracker {@code redis_fragment}):
 * keys are grouped by the server that owns them, each group keeps the keys' relative order, and the
 * groups go out in server order with the command name in lower case, as nutcracker rebuilds them.
 * Keys are copied into the sub-request (as nutcracker copies them into the fragment's mbufs); values
 * of 16 KB or more ({@code Chain.Builder}) are chained as slices of the client's reads, never copied.
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
        int flatBytes = 32;
        for (int k = 0; k < keyFragment.length; k++) {
            if (keyFragment[k] == fragment) {
                for (int j = 0; j < step; j++) {
                    int length = request.argLength(1 + k * step + j);
                    flatBytes += 16 + Chain.Builder.flatShare(length);
                }
            }
        }
        Chain.Builder frame = Chain.builder(alloc, flatBytes);
        Resp.writeArrayHeader(frame.flat(), 1 + keys * step);
        Resp.writeBulk(frame.flat(), command.name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        for (int k = 0; k < keyFragment.length; k++) {
            if (keyFragment[k] == fragment) {
                for (int j = 0; j < step; j++) {
                    int arg = 1 + k * step + j;
                    Resp.writeBulkHeader(frame.flat(), request.argLength(arg));
                    frame.add(request.frame(), request.argOffset(arg), request.argLength(arg) + 2); // with its CRLF
                }
            }
        }
        return frame.build();
    }
}
