package io.jnutcracker.stats;

import io.jnutcracker.backend.Errno;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Counts for one server connection, called from its event loop only (nutcracker's per-server
 * stats). It keeps its own FIFO of the connection's outstanding requests (size and start time,
 * or a mark for a handshake AUTH/SELECT whose reply is swallowed), so each reply is matched to its
 * request for {@code out_queue_bytes} and latency without touching the connection's own queue.
 *
 * <p>{@code in_queue} is what waits for the connect to complete; {@code out_queue} what was written
 * and waits for its reply. Swallowed handshake requests count in neither, nor in
 * {@code requests}/{@code responses}, as in nutcracker.
 */
public final class ServerConnStats {
    private static final int HANDSHAKE = -1;

    private final LoopStats loop;
    private final int server;
    private final SingleWriterRecorder latency;
    private int[] sizes = new int[8];
    private long[] started = new long[8];
    private int head;
    private int size;
    /** Requests (not handshakes) queued before the connect completed, and their bytes. */
    private int unsent;
    private long unsentBytes;
    private boolean closed;

    ServerConnStats(LoopStats loop, int server) {
        this.loop = loop;
        this.server = server;
        this.latency = loop.latency[server];
        LoopStats.add(loop.connections, LoopStats.SERVER_CONNS_CREATED, 1);
        LoopStats.add(loop.connections, LoopStats.SERVER_CONNS_LIVE, 1);
    }

    /** A handshake request (AUTH, SELECT) queued ahead of the rest; its reply is not a response. */
    public void handshake() {
        push(HANDSHAKE, 0);
    }

    /** A request of {@code bytes} queued on this connection; {@code connecting}: not written yet. */
    public void forwarded(int bytes, boolean connecting) {
        push(bytes, System.nanoTime());
        loop.addServer(server, Metric.REQUESTS, 1);
        loop.addServer(server, Metric.REQUEST_BYTES, bytes);
        if (connecting) {
            unsent++;
            unsentBytes += bytes;
            loop.addServer(server, Metric.IN_QUEUE, 1);
            loop.addServer(server, Metric.IN_QUEUE_BYTES, bytes);
        } else {
            loop.addServer(server, Metric.OUT_QUEUE, 1);
            loop.addServer(server, Metric.OUT_QUEUE_BYTES, bytes);
        }
    }

    /** The connect completed and what waited for it was written ({@code server_connected}). */
    public void connected() {
        loop.addServer(server, Metric.SERVER_CONNECTIONS, 1);
        moveUnsentToOutQueue();
    }

    /** A reply of {@code bytes} answered the oldest request. */
    public void replied(int bytes) {
        if (size == 0) {
            return; // a stray reply; the connection closes
        }
        int requestBytes = sizes[head];
        long start = started[head];
        head = (head + 1) & (sizes.length - 1);
        size--;
        if (requestBytes == HANDSHAKE) {
            return;
        }
        loop.addServer(server, Metric.RESPONSES, 1);
        loop.addServer(server, Metric.RESPONSE_BYTES, bytes);
        loop.addServer(server, Metric.OUT_QUEUE, -1);
        loop.addServer(server, Metric.OUT_QUEUE_BYTES, -requestBytes);
        long micros = Math.max(0, (System.nanoTime() - start) / 1000);
        latency.recordValue(micros);
        loop.addServer(server, Metric.LATENCY, micros);
    }

    /** A request refused because this connection had already closed: the client gets {@code -ERR}. */
    public void forwardError() {
        loop.addPool(Metric.FORWARD_ERROR, 1);
    }

    /**
     * The connection closed ({@code server_close}): {@code server_eof} when the server closed it,
     * {@code server_timedout} on a timeout, else {@code server_err}; each request still waiting is
     * answered {@code -ERR} and counts as a {@code forward_error}. Idempotent.
     */
    public void closed(String reason, boolean wasConnected) {
        if (closed) {
            return;
        }
        closed = true;
        LoopStats.add(loop.connections, LoopStats.SERVER_CONNS_LIVE, -1);
        if (wasConnected) {
            loop.addServer(server, Metric.SERVER_CONNECTIONS, -1);
        }
        Metric why = Errno.CLOSED.equals(reason) ? Metric.SERVER_EOF
                : Errno.TIMED_OUT.equals(reason) ? Metric.SERVER_TIMEDOUT : Metric.SERVER_ERR;
        loop.addServer(server, why, 1);
        moveUnsentToOutQueue();
        long failed = 0;
        long failedBytes = 0;
        for (int i = 0; i < size; i++) {
            int bytes = sizes[(head + i) & (sizes.length - 1)];
            if (bytes != HANDSHAKE) {
                failed++;
                failedBytes += bytes;
            }
        }
        loop.addServer(server, Metric.OUT_QUEUE, -failed);
        loop.addServer(server, Metric.OUT_QUEUE_BYTES, -failedBytes);
        loop.addPool(Metric.FORWARD_ERROR, failed);
        size = 0;
        head = 0;
    }

    private void moveUnsentToOutQueue() {
        if (unsent == 0) {
            return;
        }
        loop.addServer(server, Metric.IN_QUEUE, -unsent);
        loop.addServer(server, Metric.IN_QUEUE_BYTES, -unsentBytes);
        loop.addServer(server, Metric.OUT_QUEUE, unsent);
        loop.addServer(server, Metric.OUT_QUEUE_BYTES, unsentBytes);
        unsent = 0;
        unsentBytes = 0;
    }

    private void push(int bytes, long startNanos) {
        if (size == sizes.length) {
            int[] s = new int[sizes.length * 2];
            long[] t = new long[s.length];
            for (int i = 0; i < size; i++) {
                int from = (head + i) & (sizes.length - 1);
                s[i] = sizes[from];
                t[i] = started[from];
            }
            sizes = s;
            started = t;
            head = 0;
        }
        int tail = (head + size) & (sizes.length - 1);
        sizes[tail] = bytes;
        started[tail] = startNanos;
        size++;
    }
}
