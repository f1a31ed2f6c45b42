package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.resp.Request;
import io.jnutcracker.stats.LoopCounters;
import io.netty.buffer.ByteBufAllocator;

/**
 * Splits a multi-key request whose keys may live on several servers (MGET, MSET, DEL, ...: the
 * command table's {@link CommandSpec#keyStep()}) into one sub-request per server, sends each, and
 * answers once with the merged reply ({@link Fragments}). Everything else, and a split command
 * with a single key, goes to the forwarder it wraps.
 */
final class FragmentingForwarder implements Forwarder {
    private final Forwarder whole;
    private final ServerPool pool;
    private final Dispatch dispatch;
    private final Protocol protocol;
    private final LoopCounters counters;
    private final ByteBufAllocator alloc;

    FragmentingForwarder(Forwarder whole, ServerPool pool, Dispatch dispatch, Protocol protocol,
                         LoopCounters counters, ByteBufAllocator alloc) {
        this.whole = whole;
        this.pool = pool;
        this.dispatch = dispatch;
        this.protocol = protocol;
        this.counters = counters;
        this.alloc = alloc;
    }

    @Override
    public void forward(Request request, CommandSpec command, ReplyHandler handler) {
        int step = command.keyStep();
        if (step == 0 || request.argc() - 1 <= step) {
            whole.forward(request, command, handler);
            return;
        }
        Protocol.Split split = protocol.split(request, command, pool::serverFor, alloc);
        if (split == null) {
            counters.forwardError();
            handler.onFailure(CloseReason.REFUSED); // a key's server and every other is ejected
            return;
        }
        Fragments fragments = new Fragments(handler, command, split, protocol, alloc);
        for (int f = 0; f < split.size(); f++) {
            counters.fragment();
            dispatch.send(split.servers()[f], split.frames()[f], command, fragments.part(f));
        }
    }
}
