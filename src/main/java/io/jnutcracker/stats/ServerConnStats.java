package io.jnutcracker.stats;


/**
 * Counts for one server connection, called from its event loop only (nutcracker's per-server
 * stats). It keeps no queue of its own: the connection's one FIFO carries each request's size and
 * queue time and hands them back here when the reply (or the close) comes.
 *
 * <p>{@code in_queue} is what waits for the connect to complete; {@code out_queue} what was written
 * and waits for its reply. Swallowed handshake requests (AUTH, SELECT) are never reported here, so
 * they count in neither, nor in {@code requests}/{@code responses}, as in nutcracker.
 */
public final class ServerConnStats {
    private final LoopStats loop;
    private final int server;
    private boolean closed;

    ServerConnStats(LoopStats loop, int server) {
        this.loop = loop;
        this.server = server;
        LoopStats.add(loop.connections, LoopStats.SERVER_CONNS_CREATED, 1);
        LoopStats.add(loop.connections, LoopStats.SERVER_CONNS_LIVE, 1);
    }

    /** A request of {@code bytes} queued on this connection; {@code connecting}: not written yet. */
    public void forwarded(int bytes, boolean connecting) {
        loop.addServer(server, Metric.REQUESTS, 1);
        loop.addServer(server, Metric.REQUEST_BYTES, bytes);
        Metric queue = connecting ? Metric.IN_QUEUE : Metric.OUT_QUEUE;
        Metric queueBytes = connecting ? Metric.IN_QUEUE_BYTES : Metric.OUT_QUEUE_BYTES;
        loop.addServer(server, queue, 1);
        loop.addServer(server, queueBytes, bytes);
    }

    /** A request the server does not answer (memcached noreply): counted, but in no queue. */
    public void sent(int bytes) {
        loop.addServer(server, Metric.REQUESTS, 1);
        loop.addServer(server, Metric.REQUEST_BYTES, bytes);
    }

    /**
     * The connect completed ({@code server_connected}) and the {@code unsent} requests
     * ({@code unsentBytes}) that waited for it were written.
     */
    public void connected(int unsent, long unsentBytes) {
        loop.addServer(server, Metric.SERVER_CONNECTIONS, 1);
        toOutQueue(unsent, unsentBytes);
    }

    /** A reply of {@code bytes} answered a request of {@code requestBytes} queued {@code micros} ago. */
    public void replied(int requestBytes, int bytes, long micros) {
        loop.addServer(server, Metric.RESPONSES, 1);
        loop.addServer(server, Metric.RESPONSE_BYTES, bytes);
        loop.addServer(server, Metric.OUT_QUEUE, -1);
        loop.addServer(server, Metric.OUT_QUEUE_BYTES, -requestBytes);
        loop.latency[server].recordValue(micros);
        loop.addServer(server, Metric.LATENCY, micros);
    }

    /** A request refused because this connection had already closed: the client gets an error. */
    public void forwardError() {
        loop.addPool(Metric.FORWARD_ERROR, 1);
    }

    /**
     * The connection closed ({@code server_close}); {@code why} is {@code server_eof},
     * {@code server_timedout} or {@code server_err}. The {@code failed} requests ({@code failedBytes})
     * still waiting, of which {@code unsent} ({@code unsentBytes}) were never written, are answered
     * with an error and count as {@code forward_error}s. Idempotent.
     */
    public void closed(Metric why, boolean wasConnected, int failed, long failedBytes, int unsent,
                       long unsentBytes) {
        if (closed) {
            return;
        }
        closed = true;
        LoopStats.add(loop.connections, LoopStats.SERVER_CONNS_LIVE, -1);
        if (wasConnected) {
            loop.addServer(server, Metric.SERVER_CONNECTIONS, -1);
        }
        loop.addServer(server, why, 1);
        toOutQueue(unsent, unsentBytes);
        loop.addServer(server, Metric.OUT_QUEUE, -failed);
        loop.addServer(server, Metric.OUT_QUEUE_BYTES, -failedBytes);
        loop.addPool(Metric.FORWARD_ERROR, failed);
    }

    private void toOutQueue(int unsent, long unsentBytes) {
        if (unsent == 0) {
            return;
        }
        loop.addServer(server, Metric.IN_QUEUE, -unsent);
        loop.addServer(server, Metric.IN_QUEUE_BYTES, -unsentBytes);
        loop.addServer(server, Metric.OUT_QUEUE, unsent);
        loop.addServer(server, Metric.OUT_QUEUE_BYTES, unsentBytes);
    }

}
