package io.jnutcracker.hash;

import java.util.List;
import java.util.Optional;

/** The key distributions of nutcracker 0.5.0 ({@code dist_type_t}), by their config names. */
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
     * Builds the continuum over the live servers, given in pool (sorted) order.
     * {@code liveCount} matters for ketama's point count.
     */
    public Continuum build(List<ContinuumNode> live) {
        throw new UnsupportedOperationException("TODO");
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
