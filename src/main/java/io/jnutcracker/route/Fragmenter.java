package io.jnutcracker.route;

import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.Command;
import io.jnutcracker.command.Routing;
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
public final class Fragmenter {
    /** Sends one sub-request; the frame's ownership passes to the callee. */
    public interface Forwarder {
        void forward(int serverIndex, ByteBuf frame, ReplyHandler handler);
    }

    private Fragmenter() {
    }

    /**
     * Splits {@code request} (whose frame this consumes) and forwards the parts.
     *
     * @return the msg the client waits on; already failed when no server is live
     */
    public static Msg split(Request request, Command command, ServerPool pool, Msg.Owner owner,
                            ByteBufAllocator alloc, Forwarder forwarder) {
        try {
            int step = command.routing() == Routing.SPLIT_PAIRS ? 2 : 1;
            int keys = (request.argc() - 1) / step;
            int[] serverOfKey = new int[keys];
            boolean[] touched = new boolean[pool.servers().size()];
            int[] fragmentOfServer = new int[touched.length];
            int[] keysInFragment = new int[Math.min(keys, touched.length)];
            int[] serverOfFragment = new int[keysInFragment.length];
            int fragments = 0;
            for (int k = 0; k < keys; k++) {
                int arg = 1 + k * step;
                int server = pool.serverFor(request.frame(), request.argOffset(arg), request.argLength(arg));
                if (server == ServerPool.NO_SERVER) {
                    pool.stats().forwardError();
                    return Msg.local(owner, Resp.error(alloc, "ERR " + io.jnutcracker.backend.Errno.CONNECTION_REFUSED));
                }
                serverOfKey[k] = server;
                touched[server] = true;
            }
            for (int s = 0; s < touched.length; s++) { // fragments go out in server order, as nutcracker's
                if (touched[s]) {
                    serverOfFragment[fragments] = s;
                    fragmentOfServer[s] = fragments++;
                }
            }
            int[] keyFragment = new int[keys];
            int[] keyPosition = new int[keys];
            for (int k = 0; k < keys; k++) {
                int f = fragmentOfServer[serverOfKey[k]];
                keyFragment[k] = f;
                keyPosition[k] = keysInFragment[f]++;
            }
            FragmentedMsg msg = new FragmentedMsg(owner, command, alloc, fragments, keyFragment, keyPosition);
            for (int f = 0; f < fragments; f++) {
                ByteBuf frame = buildFragment(request, command, step, keyFragment, f, keysInFragment[f], alloc);
                forwarder.forward(serverOfFragment[f], frame, msg.fragment(f));
            }
            return msg;
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
