package io.jnutcracker.backend;

import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many bytes of replies the proxy may hold for its clients at once, over every client and
 * pool: replies received from servers and not yet taken by the client's socket (queued for order,
 * or in Netty's outbound buffer). nutcracker has no bound (#538, #553: it grows until the OOM
 * killer); a JVM has a hard direct-memory limit, and running into it failed server connections
 * for every client (issue 13). So the budget is sized from that limit and enforced by reading less:
 *
 * <ul>
 *   <li>each client may hold {@link #perClient()} bytes, counting the replies it is still owed at
 *       its average reply size, before the proxy stops reading its requests;
 *   <li>once the total is over {@link #limit()}, the proxy also stops reading from every client
 *       holding more than {@link #HEAVY} bytes (those holding the most), and serves the others;
 *   <li>a single request larger than half the budget is refused with an error.
 * </ul>
 *
 * Each event loop adds up its own clients; the total is read from all loops without locks.
 */
public final class MemoryBudget {
    /** Share of the JVM's direct memory the budget may use: the rest is for reads in progress, requests and pools' slack. */
    static final double SHARE = 0.75;
    /** A client holding more than this, in bytes, is among "those holding the most" when over budget. */
    public static final long HEAVY = 1024 * 1024;
    /** Least per-client allowance, in bytes, whatever the budget. */
    static final long MIN_PER_CLIENT = 4 * 1024 * 1024;

    private final long limit;
    private final Map<EventLoop, LoopAccount> accounts = new IdentityHashMap<>();

    /** {@code limitBytes} over every loop of {@code loops}. */
    public MemoryBudget(long limitBytes, List<EventLoop> loops) {
        this.limit = limitBytes;
        for (EventLoop loop : loops) {
            accounts.put(loop, new LoopAccount());
        }
    }

    /** {@link #SHARE} of the JVM's direct memory limit ({@code -XX:MaxDirectMemorySize}). */
    public static long fromDirectMemory() {
        return (long) (PlatformDependent.maxDirectMemory() * SHARE);
    }

    /** The whole budget, in bytes. */
    public long limit() {
        return limit;
    }

    /** What one client may hold before the proxy stops reading its requests, in bytes. */
    public long perClient() {
        return Math.max(MIN_PER_CLIENT, limit / 16);
    }

    /** The largest request value accepted, in bytes: half the budget (never above Redis's 512 MB). */
    public int largestValue() {
        return (int) Math.min(512L * 1024 * 1024, limit / 2);
    }

    /** The account of {@code loop}'s clients; use it on that loop only. */
    public LoopAccount account(EventLoop loop) {
        return accounts.get(loop);
    }

    /** Bytes held now over every loop (each loop's figure at most a moment old). */
    public long held() {
        long total = 0;
        for (LoopAccount a : accounts.values()) {
            total += a.held;
        }
        return total;
    }

    /** Whether the clients together hold more than the budget. */
    public boolean over() {
        return held() > limit;
    }

    /** Bytes held by the clients of one event loop; written by that loop only. */
    public static final class LoopAccount {
        private volatile long held;

        /** Adds {@code delta} bytes (negative: released); owning loop only. */
        public void add(long delta) {
            held = held + delta; // single writer: no lost update
        }
    }
}
