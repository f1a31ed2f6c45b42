package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ServerConfig;
import io.jnutcracker.hash.ContinuumNode;
import io.jnutcracker.hash.KeyPlacer;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool's key placement with every server live: the placer {@code route.ServerPool} builds before
 * any ejection (same nodes: pool index, name, weight), so a key goes where the data path sends it.
 */
final class Placement {
    private Placement() {
    }

    static KeyPlacer of(PoolConfig pool) {
        List<ContinuumNode> nodes = new ArrayList<>();
        List<ServerConfig> servers = pool.servers();
        for (int i = 0; i < servers.size(); i++) {
            nodes.add(new ContinuumNode(i, servers.get(i).name(), servers.get(i).weight()));
        }
        return KeyPlacer.of(pool.hash(), pool.distribution(), pool.hashTag(), nodes);
    }
}
