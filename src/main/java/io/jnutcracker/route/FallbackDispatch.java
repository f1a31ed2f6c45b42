package io.jnutcracker.route;

import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.config.ReadFallback;
import io.netty.buffer.ByteBuf;

/**
 * {@code jn_read_fallback} (jnutcracker's own): a read for a member that is ejected goes to the
 * member's master at once; a read for a live member is retried there once if the member fails
 * before answering ({@link FallbackRetry}). Writes, and reads of pools without the setting, pass
 * through untouched. The member's keys never move (its {@link ServerPool} keeps ejected members).
 */
final class FallbackDispatch implements Dispatch {
    private final Dispatch members;
    private final Dispatch masters;
    private final ServerPool pool;
    private final ReadFallback fallback;

    /**
     * @param members the read pool's own dispatch
     * @param masters a dispatch to the fallback target's servers, by their index there
     */
    FallbackDispatch(Dispatch members, Dispatch masters, ServerPool pool, ReadFallback fallback) {
        this.members = members;
        this.masters = masters;
        this.pool = pool;
        this.fallback = fallback;
    }

    @Override
    public void send(int server, ByteBuf frame, CommandSpec command, ReplyHandler handler) {
        if (!command.isRead()) {
            members.send(server, frame, command, handler);
        } else if (pool.server(server).ejected()) {
            masters.send(fallback.targetOf(server), frame, command, handler);
        } else {
            ReplyHandler retry = new FallbackRetry(handler, frame.retainedDuplicate(),
                    again -> masters.send(fallback.targetOf(server), again, command, handler));
            members.send(server, frame, command, retry);
        }
    }
}
