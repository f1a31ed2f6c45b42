package io.jnutcracker.stats;

/**
 * Pool counters of one event loop that belong to no single connection: sub-requests of split
 * requests ({@code fragments}, which nutcracker declares and never counts) and requests the proxy
 * could not forward ({@code forward_error}). Called from that loop only.
 */
public final class LoopCounters {
    private final LoopStats loop;

    LoopCounters(LoopStats loop) {
        this.loop = loop;
    }

    /** One sub-request of a split multi-key request sent to a server. */
    public void fragment() {
        loop.addPool(Metric.FRAGMENTS, 1);
    }

    /** A read sent to its member's master because the member is marked unreadable. */
    public void unreadableRead() {
        loop.addPool(Metric.UNREADABLE_READS, 1);
    }

    /** A nil reply of a read member retried on its master ({@code jn_retry_miss_on_master}). */
    public void missRetry() {
        loop.addPool(Metric.MISS_RETRIES, 1);
    }

    /** A miss retry that the master answered with a value. */
    public void missRetryHit() {
        loop.addPool(Metric.MISS_RETRY_HITS, 1);
    }

    /** The proxy answered an error because no server could take the request (all ejected). */
    public void forwardError() {
        loop.addPool(Metric.FORWARD_ERROR, 1);
    }

    /** A server connection held by one client opened ({@code +1}) or closed ({@code -1}). */
    public void dedicated(int delta) {
        loop.addPool(Metric.DEDICATED_CONNECTIONS, delta);
    }
}
