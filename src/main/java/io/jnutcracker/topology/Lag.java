package io.jnutcracker.topology;

import java.util.List;

/**
 * How far a replica is behind its direct master.
 *
 * @param bytes the master's replication offset minus the replica's (read a moment apart, so
 *     approximate; never negative); -1 when unknown
 * @param seconds seconds since the replica last acknowledged, from the master's {@code slaveN} line
 *     ({@code lag=}); -1 when that line could not be matched to the replica
 */
public record Lag(long bytes, long seconds) {
    static final Lag UNKNOWN = new Lag(-1, -1);

    /** Lag of {@code replica} (at {@code at}) behind {@code master}, its direct master. */
    static Lag of(Endpoint at, ReplicationInfo replica, ReplicationInfo master) {
        if (replica == null || master == null || !replica.isReplica()) {
            return UNKNOWN;
        }
        long bytes = replica.replicaOffset() < 0 || master.replOffset() < 0 ? -1
                : Math.max(0, master.replOffset() - replica.replicaOffset());
        ReplicaLine line = lineOf(at, master.replicas());
        return new Lag(bytes, line == null ? -1 : line.lagSeconds());
    }

    /**
     * The master's line for the replica at {@code at}: same port and address; else the only line with
     * that port (the line's ip is where the replica connected from, often not where it listens).
     */
    private static ReplicaLine lineOf(Endpoint at, List<ReplicaLine> lines) {
        if (at.isUnix()) {
            return null;
        }
        String address = Hosts.address(at.host());
        ReplicaLine onlyPort = null;
        int samePort = 0;
        for (ReplicaLine l : lines) {
            if (l.port() != at.port()) {
                continue;
            }
            if (l.ip().equals(at.host()) || l.ip().equals(address)) {
                return l;
            }
            samePort++;
            onlyPort = l;
        }
        return samePort == 1 ? onlyPort : null;
    }
}
