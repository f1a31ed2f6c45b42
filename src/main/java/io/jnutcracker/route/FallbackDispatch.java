package io.jnutcracker.route;

import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.config.ReadFallback;
import io.jnutcracker.stats.LoopCounters;
import io.netty.buffer.ByteBuf;

/**
 * {@code jn_read_fallback} (jnutcracker's own): a read for a member that is ejected, or that the
 * background check marked unreadable ({@code jn_max_replica_lag}), goes to the member's master at
 * once; a read for a live member is retried there once if the member fails before answering, and,
 * with {@code jn_retry_miss_on_master}, if it answers a single-key read with nil ({@link FallbackRetry}).
 * Writes, and reads of pools without the setting, pass through untouched. The member's keys never
 * move (its {@link ServerPool} keeps ejected members).
 */
final class FallbackDispatch implements Dispatch {
    private final Dispatch members;
    private final Dispatch masters;
    private final ServerPool pool;
    private final ReadFallback fallback;
    private final boolean retryMiss;
    private final LoopCounters counters;

    /**
     * @param members the read pool's own dispatch
     * @param masters a dispatch to the fallback target's servers, by their index there
     * @param counters this loop's counters of the read pool
     */
    FallbackDispatch(Dispatch members, Dispatch masters, ServerPool pool, ReadFallback fallback,
                     LoopCounters counters) {
        this.members = members;
        this.masters = masters;
        this.pool = pool;
        this.fallback = fallback;
        this.retryMiss = pool.config().extensions().replicaReads().retryMissOnMaster();
        this.counters = counters;
    }

    @Override
    public void send(int server, ByteBuf frame, CommandSpec command, ReplyHandler handler) {
        Server member = pool.server(server);
        if (!command.isRead()) {
            members.send(server, frame, command, handler);
        } else if (member.ejected()) {
            masters.send(fallback.targetOf(server), frame, command, handler);
        } else if (member.unreadable()) {
            counters.unreadableRead();
            masters.send(fallback.targetOf(server), frame, command, handler);
        } else {
            int master = fallback.targetOf(server);
            ReplyHandler retry = retryMiss && command.missIsNil()
                    ? FallbackRetry.onFailureOrMiss(handler, frame.retainedDuplicate(),
                            (again, answer) -> masters.send(master, again, command, answer), counters)
                    : FallbackRetry.onFailure(handler, frame.retainedDuplicate(),
                            (again, answer) -> masters.send(master, again, command, answer));
            members.send(server, frame, command, retry);
        }
    }
}
