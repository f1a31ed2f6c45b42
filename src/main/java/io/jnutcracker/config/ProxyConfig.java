package io.jnutcracker.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A whole {@code nutcracker.yml}: its pools in nutcracker's sorted order. Immutable. */
public record ProxyConfig(Path file, List<PoolConfig> pools) {

    public ProxyConfig {
        pools = List.copyOf(pools);
    }

    public Optional<PoolConfig> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
