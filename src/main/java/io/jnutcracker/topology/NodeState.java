package io.jnutcracker.topology;

/**
 * One server as a check found it: its {@code INFO replication}, or why it could not be read.
 *
 * @param info {@code null} when unreachable
 * @param error {@code null} when reachable
 */
public record NodeState(Endpoint endpoint, ReplicationInfo info, String error) {

    static NodeState of(Endpoint endpoint, ReplicationInfo info) {
        return new NodeState(endpoint, info, null);
    }

    static NodeState unreachable(Endpoint endpoint, String error) {
        return new NodeState(endpoint, null, error);
    }

    public boolean reachable() {
        return info != null;
    }

    public boolean isReplica() {
        return info != null && info.isReplica();
    }

    public boolean isMaster() {
        return info != null && !info.isReplica();
    }
}
