package io.jnutcracker.hash;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The key distributions of nutcracker 0.5.0 ({@code dist_type_t}), by their config names. Each
 * builds an immutable {@link Continuum} from the live servers: {@link Ketama}, {@link Modula},
 * {@link RandomDistribution}.
 */
public enum Distribution {
    KETAMA("ketama"),
    MODULA("modula"),
    RANDOM("random");

    private final String configName;

    Distribution(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /**
     * Builds the continuum over the live servers, given in pool (sorted) order. Their count matters
     * for ketama's point count, and ejected servers must be left out (with their weight).
     * {@link #RANDOM} draws from a thread-local generator.
     *
     * @throws IllegalArgumentException if {@code live} is empty (nutcracker then keeps its old
     *     continuum and fails requests instead) or a node is malformed
     */
    public Continuum build(List<ContinuumNode> live) {
        return build(live, RandomDistribution.THREAD_LOCAL);
    }

    /**
     * As {@link #build(List)}, with the source {@link #RANDOM} draws from (ignored by the others).
     * The source must be safe for every thread that dispatches.
     */
    public Continuum build(List<ContinuumNode> live, RandomGenerator random) {
        return switch (this) {
            case KETAMA -> Ketama.build(live);
            case MODULA -> Modula.build(live);
            case RANDOM -> RandomDistribution.build(live, random);
        };
    }

    /** Whether dispatch depends on the key's hash; {@code random} never hashes ({@code server_pool_idx}). */
    public boolean usesHash() {
        return this != RANDOM;
    }

    /** Rejects what no nutcracker pool can hold: no live server, a weight below 1, a null name. */
    static void checkLive(List<ContinuumNode> live) {
        if (live == null || live.isEmpty()) {
            throw new IllegalArgumentException("no live servers");
        }
        for (ContinuumNode node : live) {
            if (node.weight() < 1 || node.name() == null) {
                throw new IllegalArgumentException("bad continuum node " + node);
            }
        }
    }

    public static Optional<Distribution> byName(String name) {
        for (Distribution d : values()) {
            if (d.configName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
