package io.jnutcracker.route;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ReadFallback;
import io.jnutcracker.config.ServerConfig;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a Sentinel-driven pool's members are now (jnutcracker extension, {@code jn_sentinels}): the
 * address of each moved member by name, for the pool's own members and for the members of its read
 * fallback's target. Immutable; {@link Pool} replaces it whole. Applied to every configuration the
 * pool installs, so a reload of the file (whose addresses are only the starting guess) does not move
 * a member back to a dead master.
 */
record Addresses(Map<String, InetSocketAddress> members, Map<String, InetSocketAddress> fallback) {
    static final Addresses NONE = new Addresses(Map.of(), Map.of());

    Addresses {
        members = Map.copyOf(members);
        fallback = Map.copyOf(fallback);
    }

    Addresses with(boolean ofFallback, String name, InetSocketAddress at) {
        Map<String, InetSocketAddress> next = new HashMap<>(ofFallback ? fallback : members);
        next.put(name, at);
        return ofFallback ? new Addresses(members, next) : new Addresses(next, fallback);
    }

    /** {@code config} with every moved member at its new address; the same object when none moved. */
    PoolConfig applyTo(PoolConfig config) {
        PoolConfig out = move(config, members);
        ReadFallback rf = out.extensions().readFallback();
        if (rf != null && !fallback.isEmpty()) {
            ReadFallback moved = new ReadFallback(rf.raw(), move(rf.target(), fallback), rf.targetIndex());
            out = out.withExtensions(out.extensions().withReadFallback(moved));
        }
        return out;
    }

    private static PoolConfig move(PoolConfig config, Map<String, InetSocketAddress> moved) {
        if (moved.isEmpty()) {
            return config;
        }
        return config.withServers(config.servers().stream().map(s -> {
            InetSocketAddress at = moved.get(s.name());
            return at == null || s.isUnix() ? s : s.at(at.getHostString(), at.getPort());
        }).toList());
    }
}
