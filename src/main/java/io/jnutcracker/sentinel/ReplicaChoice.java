package io.jnutcracker.sentinel;

import io.jnutcracker.config.SentinelSettings;
import io.jnutcracker.topology.Answer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which replica a read pool member reads from (jn_sentinels with jn_sentinel_local), chosen from a
 * Sentinel's {@code SENTINEL REPLICAS <master>} answer: one in this data centre, that Sentinel sees
 * up ({@code flags} without {@code s_down}, {@code o_down} or {@code disconnected}) and linked to its
 * master ({@code master-link-status:ok}). Among those, a replica Sentinel will never promote
 * ({@code slave-priority} 0: a dedicated read replica, so it stays a replica through failovers) comes
 * first; then the lowest address, so every proxy of a data centre picks the same one.
 */
final class ReplicaChoice {
    /** One replica as Sentinel describes it. */
    record Replica(String address, String ip, boolean usable, int priority) {
        static Replica of(Answer fields) {
            Map<String, String> f = new HashMap<>();
            List<String> t = fields.texts();
            for (int i = 0; i + 1 < t.size(); i += 2) {
                f.put(t.get(i), t.get(i + 1));
            }
            String flags = f.getOrDefault("flags", "");
            boolean usable = !flags.contains("s_down") && !flags.contains("o_down")
                    && !flags.contains("disconnected") && "ok".equals(f.get("master-link-status"));
            int priority;
            try {
                priority = Integer.parseInt(f.getOrDefault("slave-priority", "100"));
            } catch (NumberFormatException e) {
                priority = 100;
            }
            String ip = f.getOrDefault("ip", "");
            return new Replica(ip + ":" + f.getOrDefault("port", "0"), ip, usable, priority);
        }
    }

    private static final Comparator<Replica> ORDER = Comparator.<Replica>comparingInt(r -> r.priority() == 0 ? 0 : 1)
            .thenComparing(Replica::address);

    private ReplicaChoice() {
    }

    /** The replica to read from, or empty when none is local and usable. */
    static Optional<Replica> choose(Answer replicas, SentinelSettings settings) {
        return replicas.elements().stream().map(Replica::of)
                .filter(r -> r.usable() && settings.isLocal(r.ip()))
                .min(ORDER);
    }
}
