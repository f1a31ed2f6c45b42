package io.jnutcracker.sentinel;

import io.jnutcracker.util.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Whom to believe when a Sentinel says a master moved (jn_sentinels). Each Sentinel's latest word on
 * each master is its vote: a {@code +switch-master} message, or its answer to
 * {@code SENTINEL get-master-addr-by-name}. A new address is trusted outright once a majority of
 * the configured Sentinels vote for it (the quorum Sentinel itself needs to fail over); with fewer
 * votes it must be confirmed by asking the announced server, which must say {@code role:master}.
 * So one Sentinel that is partitioned, misconfigured or replaying old news cannot move a pool alone,
 * and a failover still takes effect at the first announcement (the leader's), not seconds later
 * when the other Sentinels have heard of it through their hello channel.
 *
 * <p>Votes expire after {@code windowNanos} so that stale words do not add up to a majority with
 * new ones. Not thread safe: one thread (the Sentinel watcher's) owns it.
 */
final class SwitchVotes {
    /** What to do about a vote. */
    enum Verdict {
        /** The address in force already: nothing to do. */
        CURRENT,
        /** A majority voted for this new address: move the member. */
        TRUSTED,
        /** Fewer than a majority: ask the announced server before moving. */
        CONFIRM
    }

    private record Vote(String address, long atNanos) {
    }

    private final int majority;
    private final long windowNanos;
    private final Clock clock;
    /** master name -> sentinel -> its latest vote. */
    private final Map<String, Map<String, Vote>> votes = new HashMap<>();
    /** master name -> the address in force. */
    private final Map<String, String> current = new HashMap<>();

    /**
     * @param sentinels how many Sentinels the pool names
     * @param windowNanos how long a vote counts, in ns
     */
    SwitchVotes(int sentinels, long windowNanos, Clock clock) {
        this.majority = sentinels / 2 + 1;
        this.windowNanos = windowNanos;
        this.clock = clock;
    }

    /** {@code sentinel} says master {@code master} is at {@code address} ({@code host:port}). */
    Verdict vote(String sentinel, String master, String address) {
        long now = clock.nanoTime();
        Map<String, Vote> byMaster = votes.computeIfAbsent(master, m -> new HashMap<>());
        byMaster.put(sentinel, new Vote(address, now));
        byMaster.values().removeIf(v -> now - v.atNanos() > windowNanos);
        if (address.equals(current.get(master))) {
            return Verdict.CURRENT;
        }
        long agree = byMaster.values().stream().filter(v -> v.address().equals(address)).count();
        if (agree >= majority) {
            current.put(master, address);
            return Verdict.TRUSTED;
        }
        return Verdict.CONFIRM;
    }

    /** The announced server confirmed it is the master (or the caller trusts it for another reason). */
    void confirmed(String master, String address) {
        current.put(master, address);
    }

    /** The address in force for {@code master}, or null before any is known. */
    String current(String master) {
        return current.get(master);
    }
}
