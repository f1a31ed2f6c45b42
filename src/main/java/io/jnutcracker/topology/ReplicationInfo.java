package io.jnutcracker.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a server's {@code INFO replication} says, the fields the checks use. Numbers redis leaves out
 * are -1.
 *
 * @param role {@code master} or {@code slave}
 * @param masterHost a replica's master as configured on the replica ({@code replicaof host port}):
 *     the name or address the replica uses, which may not reach that master from elsewhere;
 *     {@code null} for a master
 * @param masterPort a replica's master port; -1 for a master
 * @param linkStatus a replica's {@code master_link_status} ({@code up}/{@code down}); {@code null} for a master
 * @param lastIoSecondsAgo a replica's {@code master_last_io_seconds_ago}
 * @param linkDownSinceSeconds a replica's {@code master_link_down_since_seconds} (only while down)
 * @param syncInProgress a replica's {@code master_sync_in_progress}
 * @param replicaOffset a replica's {@code slave_repl_offset}: how far it has applied its master's stream
 * @param replOffset {@code master_repl_offset}: the offset of this server's own replication stream
 * @param replid {@code master_replid}: the replication ID of the data set; a replica that has synced
 *     shares its master's, so every server of one chain has the same one
 * @param replicas the {@code slaveN:} lines, in order
 */
public record ReplicationInfo(String role, String masterHost, int masterPort, String linkStatus,
                              long lastIoSecondsAgo, long linkDownSinceSeconds, boolean syncInProgress,
                              long replicaOffset, long replOffset, String replid, List<ReplicaLine> replicas) {

    public ReplicationInfo {
        replicas = List.copyOf(replicas);
    }

    /** Parses the text of {@code INFO replication} (or a whole {@code INFO}); CRLF or LF lines. */
    public static ReplicationInfo parse(String text) {
        Map<String, String> fields = new HashMap<>();
        List<ReplicaLine> replicas = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1);
            if (key.startsWith("slave") && key.length() > 5 && Character.isDigit(key.charAt(5))) {
                replicas.add(ReplicaLine.parse(value));
            } else {
                fields.putIfAbsent(key, value);
            }
        }
        String role = fields.get("role");
        if (role == null) {
            throw new IllegalArgumentException("no role: line in INFO replication");
        }
        return new ReplicationInfo(role, fields.get("master_host"), (int) InfoNumbers.parse(fields.get("master_port")),
                fields.get("master_link_status"), InfoNumbers.parse(fields.get("master_last_io_seconds_ago")),
                InfoNumbers.parse(fields.get("master_link_down_since_seconds")),
                "1".equals(fields.get("master_sync_in_progress")), InfoNumbers.parse(fields.get("slave_repl_offset")),
                InfoNumbers.parse(fields.get("master_repl_offset")), fields.get("master_replid"), replicas);
    }

    /** True for a replica ({@code role:slave}). */
    public boolean isReplica() {
        return "slave".equals(role) || "replica".equals(role);
    }

    /** A replica whose link to its master is up; false for a master. */
    public boolean linkUp() {
        return "up".equals(linkStatus);
    }

    /** A replica's master as configured on the replica. */
    public Endpoint master() {
        return isReplica() ? Endpoint.tcp(masterHost, masterPort) : null;
    }
}
