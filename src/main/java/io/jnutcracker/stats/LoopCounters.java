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

    /** The proxy answered an error because no server could take the request (all ejected). */
    public void forwardError() {
        loop.addPool(Metric.FORWARD_ERROR, 1);
    }

    /** A server connection held by one client opened ({@code +1}) or closed ({@code -1}). */
    public void dedicated(int delta) {
        loop.addPool(Metric.DEDICATED_CONNECTIONS, delta);
    }
}
