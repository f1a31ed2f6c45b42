package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool with what its members said: each member's {@code INFO replication} and origin, in pool
 * order, and the pool's role.
 */
record SurveyedPool(Path file, PoolConfig pool, List<NodeState> nodes, List<Origin> origins, PoolRole role) {

    static SurveyedPool of(Path file, PoolConfig pool, Survey survey) {
        List<NodeState> nodes = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        if (!pool.redis()) {
            return new SurveyedPool(file, pool, nodes, origins, PoolRole.SKIPPED);
        }
        for (ServerConfig s : pool.servers()) {
            Endpoint e = Endpoint.of(s);
            nodes.add(survey.node(e, Access.of(pool)));
            origins.add(survey.origin(e, Access.of(pool)));
        }
        PoolRole role = nodes.stream().noneMatch(NodeState::reachable) ? PoolRole.UNKNOWN
                : nodes.stream().anyMatch(NodeState::isReplica) ? PoolRole.READ : PoolRole.MASTER;
        return new SurveyedPool(file, pool, nodes, origins, role);
    }

    PoolRef ref() {
        return new PoolRef(file, pool.name());
    }

    ServerConfig server(int i) {
        return pool.servers().get(i);
    }

    int size() {
        return pool.servers().size();
    }

    /** Index of the member named {@code name}, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < size(); i++) {
            if (server(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first member holding {@code data}, or -1. */
    int holding(Origin data) {
        for (int i = 0; i < origins.size(); i++) {
            if (origins.get(i).sameData(data)) {
                return i;
            }
        }
        return -1;
    }

    /** The member at {@code endpoint}, or -1. */
    int indexOf(Endpoint endpoint) {
        for (int i = 0; i < size(); i++) {
            if (Endpoint.of(server(i)).equals(endpoint)) {
                return i;
            }
        }
        return -1;
    }
}
