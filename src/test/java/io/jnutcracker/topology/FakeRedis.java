package io.jnutcracker.topology;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Redis servers that exist only as {@code INFO replication} texts, written in the layout redis 7.0
 * writes them (compare resources info/*.txt), so topology logic is tested without processes or
 * network: any address works, 192.168.x included, and nothing is ever sent.
 */
final class FakeRedis implements InfoSource {
    /**
     * @param master the master as configured on the replica ({@code replicaof}); null for a master
     * @param source the master it really replicates (what its address is from the checker)
     */
    private record Node(String master, String source, boolean linkUp, boolean synced) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Set<String> unreachable = new HashSet<>();
    /** What a replica's line on its master says for its ip (default: its own host). */
    private final Map<String, String> announced = new LinkedHashMap<>();
    final List<String> asked = new ArrayList<>();

    FakeRedis master(String... addrs) {
        for (String a : addrs) {
            nodes.put(a, new Node(null, null, false, true));
        }
        return this;
    }

    /** A synced replica whose link is up; {@code master} as configured on it. */
    FakeRedis replica(String addr, String master) {
        nodes.put(addr, new Node(master, master, true, true));
        return this;
    }

    /**
     * A synced replica configured with {@code replicaof configured}, an address that reaches
     * {@code source} from the replica, but not from the checker.
     */
    FakeRedis replicaVia(String addr, String configured, String source) {
        nodes.put(addr, new Node(configured, source, true, true));
        return this;
    }

    /** A replica that synced once, then lost its link. */
    FakeRedis replicaLinkLost(String addr, String master) {
        nodes.put(addr, new Node(master, master, false, true));
        return this;
    }

    /** A replica that never reached its master. */
    FakeRedis replicaNeverSynced(String addr, String master) {
        nodes.put(addr, new Node(master, master, false, false));
        return this;
    }

    /** The server exists (and replicates), but the checker cannot reach it. */
    FakeRedis unreachable(String addr) {
        unreachable.add(addr);
        return this;
    }

    FakeRedis announce(String replica, String ip) {
        announced.put(replica, ip);
        return this;
    }

    @Override
    public ReplicationInfo replication(Endpoint endpoint, String password,
            io.jnutcracker.config.TlsConfig.Servers tls) throws IOException {
        String addr = endpoint.toString();
        asked.add(addr);
        if (!nodes.containsKey(addr) || unreachable.contains(addr)) {
            throw new IOException("connection refused");
        }
        return ReplicationInfo.parse(text(addr));
    }

    /** The replication ID: a master's own; a synced replica's master's; else one of its own. */
    String replid(String addr) {
        Node n = nodes.get(addr);
        if (n == null || n.source() == null || !n.synced() || !nodes.containsKey(n.source())) {
            return String.format("%040x", Math.abs((long) addr.hashCode()) * 7919L);
        }
        return replid(n.source());
    }

    String text(String addr) {
        Node n = nodes.get(addr);
        StringBuilder sb = new StringBuilder("# Replication\r\n");
        if (n.master() == null) {
            sb.append("role:master\r\n");
        } else {
            int colon = n.master().lastIndexOf(':');
            sb.append("role:slave\r\n")
                    .append("master_host:").append(n.master(), 0, colon).append("\r\n")
                    .append("master_port:").append(n.master().substring(colon + 1)).append("\r\n")
                    .append("master_link_status:").append(n.linkUp() ? "up" : "down").append("\r\n")
                    .append("master_last_io_seconds_ago:").append(n.linkUp() ? 1 : -1).append("\r\n")
                    .append("master_sync_in_progress:0\r\n")
                    .append("slave_read_repl_offset:").append(n.synced() ? 100 : 1).append("\r\n")
                    .append("slave_repl_offset:").append(n.synced() ? 100 : 1).append("\r\n");
            if (!n.linkUp()) {
                sb.append("master_link_down_since_seconds:").append(n.synced() ? 42 : -1).append("\r\n");
            }
            sb.append("slave_priority:100\r\nslave_read_only:1\r\nreplica_announced:1\r\n");
        }
        List<String> replicas = nodes.entrySet().stream().filter(e -> addr.equals(e.getValue().source())
                && e.getValue().linkUp()).map(Map.Entry::getKey).toList();
        sb.append("connected_slaves:").append(replicas.size()).append("\r\n");
        for (int i = 0; i < replicas.size(); i++) {
            String r = replicas.get(i);
            int colon = r.lastIndexOf(':');
            sb.append("slave").append(i).append(":ip=").append(announced.getOrDefault(r, r.substring(0, colon)))
                    .append(",port=").append(r.substring(colon + 1)).append(",state=online,offset=100,lag=0\r\n");
        }
        sb.append("master_failover_state:no-failover\r\n")
                .append("master_replid:").append(replid(addr)).append("\r\n")
                .append("master_replid2:0000000000000000000000000000000000000000\r\n")
                .append("master_repl_offset:").append(n.master() == null || n.synced() ? 100 : 0).append("\r\n")
                .append("second_repl_offset:-1\r\nrepl_backlog_active:1\r\nrepl_backlog_size:1048576\r\n");
        return sb.toString();
    }
}
