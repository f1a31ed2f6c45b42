package io.jnutcracker.topology;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The servers one check has asked, each asked once: configured members, the masters above them, and
 * replicas found through masters' {@code slaveN} lines when a fix needs a candidate. Confined to one
 * check on one thread.
 */
final class Survey {
    /** Longest chain of replicas followed; redis allows any depth, real deployments use one or two. */
    static final int MAX_HOPS = 8;
    /** How deep {@link #replicasOf} looks below a master. */
    static final int MAX_REPLICA_DEPTH = 3;

    private final InfoSource source;
    private final Map<Endpoint, NodeState> nodes = new LinkedHashMap<>();
    private final Map<Endpoint, Origin> origins = new HashMap<>();

    Survey(InfoSource source) {
        this.source = source;
    }

    NodeState node(Endpoint endpoint, Access access) {
        NodeState known = nodes.get(endpoint);
        if (known != null) {
            return known;
        }
        NodeState state;
        try {
            state = NodeState.of(endpoint, source.replication(endpoint, access.password(), access.tls()));
        } catch (IOException | RuntimeException e) {
            state = NodeState.unreachable(endpoint, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        nodes.put(endpoint, state);
        return state;
    }

    /** Every server asked so far. */
    int asked() {
        return nodes.size();
    }

    /** Follows {@code endpoint}'s chain of masters (see {@link Origin} for when a hop is trusted). */
    Origin origin(Endpoint endpoint, Access access) {
        Origin known = origins.get(endpoint);
        if (known != null) {
            return known;
        }
        Origin o = walk(endpoint, access);
        origins.put(endpoint, o);
        return o;
    }

    private Origin walk(Endpoint start, Access access) {
        List<Endpoint> chain = new ArrayList<>(List.of(start));
        NodeState node = node(start, access);
        if (!node.reachable()) {
            return new Origin(null, null, chain, false, node.error());
        }
        ReplicationInfo cur = node.info();
        boolean up = true;
        while (cur.isReplica()) {
            up &= cur.linkUp();
            Endpoint last = chain.get(chain.size() - 1);
            Endpoint next = cur.master();
            if (chain.contains(next)) {
                return new Origin(null, cur.replid(), chain, up, "replication loop through " + next);
            }
            if (chain.size() > MAX_HOPS) {
                return new Origin(null, cur.replid(), chain, up, "more than " + MAX_HOPS + " replicas in a chain");
            }
            NodeState master = node(next, access);
            if (!master.reachable()) {
                return new Origin(null, cur.replid(), chain, up, "its master " + next + ", as configured on "
                        + last + ", does not answer here: " + master.error());
            }
            if (cur.linkUp() && !Objects.equals(master.info().replid(), cur.replid())) {
                return new Origin(null, cur.replid(), chain, up, "its master " + next + ", as configured on "
                        + last + ", leads here to a server with other data");
            }
            chain.add(next);
            cur = master.info();
        }
        return new Origin(chain.get(chain.size() - 1), cur.replid(), chain, up, null);
    }

    /**
     * Replicas holding {@code data}, found below its root through {@code slaveN} lines, each asked
     * and kept only when its own chain leads to the same data; plus any already-asked replica with it.
     */
    List<Endpoint> replicasOf(Origin data, Access access) {
        List<Endpoint> found = new ArrayList<>();
        if (data.root() == null) {
            return found;
        }
        Deque<Endpoint> queue = new ArrayDeque<>(List.of(data.root()));
        Map<Endpoint, Integer> depth = new HashMap<>(Map.of(data.root(), 0));
        while (!queue.isEmpty()) {
            Endpoint at = queue.poll();
            NodeState n = node(at, access);
            if (!n.reachable() || depth.get(at) >= MAX_REPLICA_DEPTH) {
                continue;
            }
            for (ReplicaLine line : n.info().replicas()) {
                Endpoint r = Endpoint.tcp(line.ip(), line.port());
                if (depth.containsKey(r)) {
                    continue;
                }
                depth.put(r, depth.get(at) + 1);
                if (node(r, access).isReplica() && origin(r, access).sameData(data)) {
                    found.add(r);
                    queue.add(r);
                }
            }
        }
        for (Map.Entry<Endpoint, NodeState> e : List.copyOf(nodes.entrySet())) {
            if (e.getValue().isReplica() && !found.contains(e.getKey())
                    && origin(e.getKey(), access).sameData(data)) {
                found.add(e.getKey());
            }
        }
        return found;
    }
}
