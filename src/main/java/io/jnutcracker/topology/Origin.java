package io.jnutcracker.topology;

import java.util.List;

/**
 * Where a server's data comes from: the master at the top of its chain of replicas, found by
 * following each replica's {@code master_host:master_port} upwards.
 *
 * <p>The identity that decides "same data" is the replication ID ({@code master_replid}), not an
 * address: a replica that has synced carries its master's ID, and so does every replica below it,
 * whatever addresses they use for each other. A replica names its master as configured on the
 * replica ({@code replicaof localhost 6401}, or an address on another network); from the checker
 * that address may lead nowhere, or to another server. A hop is therefore followed only when the
 * server found there has the replica's replication ID (or the replica's link is down, so there is
 * nothing to compare); otherwise the chain stops and the replica's own ID stands for its data.
 *
 * @param root the master at the top, when reached; {@code null} otherwise
 * @param replid the data set's replication ID: the root's when reached, else that of the last server
 *     read; {@code null} when the server itself could not be read
 * @param chain the server itself, then each master followed, in order
 * @param linksUp every replica on the chain reports its link to its master up
 * @param doubt why the root is unknown, or {@code null}
 */
public record Origin(Endpoint root, String replid, List<Endpoint> chain, boolean linksUp, String doubt) {

    public Origin {
        chain = List.copyOf(chain);
    }

    /** Both hold the same data set (as far as replication IDs tell). */
    public boolean sameData(Origin other) {
        return other != null && replid != null && replid.equals(other.replid);
    }

    /** The server itself is a master (its chain has no hop). */
    public boolean isRoot() {
        return root != null && chain.size() == 1;
    }

    /** What to print for "replicates ...": the root, else the replica's master as configured. */
    public String describeSource() {
        return root != null ? root.toString() : doubt == null ? "unknown" : "unknown (" + doubt + ")";
    }
}
