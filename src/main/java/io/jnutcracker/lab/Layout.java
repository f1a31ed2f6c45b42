package io.jnutcracker.lab;

import java.util.List;
import java.util.Map;

/**
 * The two deployments the lab runs (docs/seed/TOPOLOGY.md): which redis-servers, whom each
 * replicates, and which read-pool members the proxy configs move away from the seed's.
 */
public enum Layout {
    /**
     * "The intended layout": in each data centre one replica of each master, named in the read pool
     * like its master; plus HA replicas 6403/6404 that no pool reads.
     */
    INTENDED("intended", List.of(
            new Node("127.0.99.11:6401", null),
            new Node("127.0.99.11:6402", null),
            new Node("127.0.99.11:6403", "127.0.99.11:6401"),
            new Node("127.0.99.11:6404", "127.0.99.11:6402"),
            new Node("127.0.99.11:6405", "127.0.99.11:6401"),
            new Node("127.0.99.11:6406", "127.0.99.11:6402"),
            new Node("127.0.99.12:6405", "127.0.99.11:6401"),
            new Node("127.0.99.12:6406", "127.0.99.11:6402")),
            Map.of("detail01/redis-slave/redis01", "127.0.99.11:6405",
                    "detail01/redis-slave/redis02", "127.0.99.11:6406",
                    "detail02/redis-slave/redis01", "127.0.99.12:6405",
                    "detail02/redis-slave/redis02", "127.0.99.12:6406")),
    /** "Replication, as the write-up's info replication shows it"; the seed's pools unchanged. */
    AS_WRITTEN("as-written", List.of(
            new Node("127.0.99.11:6401", null),
            new Node("127.0.99.11:6402", null),
            new Node("127.0.99.11:6403", "127.0.99.11:6401"),
            new Node("127.0.99.11:6405", "127.0.99.11:6401"),
            new Node("127.0.99.11:6404", "127.0.99.11:6402"),
            new Node("127.0.99.12:6405", "127.0.99.11:6402")),
            Map.of());

    /** One redis-server: where it listens and whom it replicates ("host:port", null for a master). */
    public record Node(String address, String replicaOf) {
        public String host() {
            return address.substring(0, address.lastIndexOf(':'));
        }

        public int port() {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        }
    }

    private final String label;
    private final List<Node> nodes;
    private final Map<String, String> overrides;

    Layout(String label, List<Node> nodes, Map<String, String> overrides) {
        this.label = label;
        this.nodes = nodes;
        this.overrides = overrides;
    }

    /** As the lab prints it: "intended", "as-written". */
    public String label() {
        return label;
    }

    /** The redis-servers in start order, masters first. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Read-pool members moved for this layout: "dc/pool/name" to "host:port". */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** Whom the server at {@code address} replicates, or null. */
    public String replicaOf(String address) {
        return nodes.stream().filter(n -> n.address().equals(address)).map(Node::replicaOf).findFirst().orElse(null);
    }
}
