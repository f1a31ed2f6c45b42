package io.jnutcracker.route;

import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.resp.Request;
import io.jnutcracker.stats.LoopCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Sends a keyless request that concerns the whole pool to every server of it (the command table's
 * {@link io.jnutcracker.command.Routing#toAllServers()}: DBSIZE, INFO, SCRIPT LOAD, FUNCTION LOAD
 * ...) and answers once with the merged reply, through the same {@link Fragments} as a split
 * request. Every member gets it, ejected or not: a script loaded on some servers only would make
 * EVALSHA fail for the keys of the others, so a member that cannot be reached fails the request.
 * Everything else goes to the forwarder it wraps.
 */
final class BroadcastForwarder implements Forwarder {
    private final Forwarder next;
    private final ServerPool pool;
    private final Dispatch dispatch;
    private final Protocol protocol;
    private final LoopCounters counters;
    private final ByteBufAllocator alloc;

    BroadcastForwarder(Forwarder next, ServerPool pool, Dispatch dispatch, Protocol protocol,
                       LoopCounters counters, ByteBufAllocator alloc) {
        this.next = next;
        this.pool = pool;
        this.dispatch = dispatch;
        this.protocol = protocol;
        this.counters = counters;
        this.alloc = alloc;
    }

    @Override
    public void forward(Request request, CommandSpec command, ReplyHandler handler) {
        if (!command.routing().toAllServers()) {
            next.forward(request, command, handler);
            return;
        }
        int members = pool.servers().size();
        int[] servers = new int[members];
        ByteBuf[] frames = new ByteBuf[members];
        try {
            for (int s = 0; s < members; s++) {
                servers[s] = s;
                frames[s] = request.frame().retainedDuplicate();
            }
        } finally {
            request.release();
        }
        Protocol.Split split = new Protocol.Split(servers, frames, new int[0], new int[0], null);
        Fragments fragments = new Fragments(handler, command, split, protocol, alloc);
        for (int s = 0; s < members; s++) {
            counters.fragment();
            dispatch.send(s, frames[s], command, fragments.part(s));
        }
    }
}
