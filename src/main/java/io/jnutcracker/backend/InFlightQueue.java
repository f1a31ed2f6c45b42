package io.jnutcracker.backend;

import java.util.Arrays;

/**
 * Requests queued on one server connection and not yet answered, oldest first (nutcracker's
 * {@code omsg_q} plus the timeout tree): the connection's one FIFO. Each entry carries who gets the
 * reply, the request's size in bytes ({@link #HANDSHAKE} for an AUTH/SELECT whose reply is
 * swallowed) and the monotonic ns it was queued, for the timeout, {@code out_queue_bytes} and
 * latency. Three parallel arrays in a ring, so queuing a request allocates nothing.
 */
final class InFlightQueue {
    /** Size marker of a handshake request: not a request in nutcracker's stats. */
    static final int HANDSHAKE = -1;

    private ReplyHandler[] handlers = new ReplyHandler[16];
    private int[] bytes = new int[16];
    private long[] queuedAt = new long[16];
    private int head;
    private int size;

    void add(ReplyHandler handler, int requestBytes, long queuedAtNanos) {
        if (size == handlers.length) {
            grow();
        }
        int tail = (head + size) & (handlers.length - 1);
        handlers[tail] = handler;
        bytes[tail] = requestBytes;
        queuedAt[tail] = queuedAtNanos;
        size++;
    }

    /** The oldest entry's size in bytes, or {@link #HANDSHAKE}; only valid when not empty. */
    int headBytes() {
        return bytes[head];
    }

    /** Queue time of the oldest entry; only valid when not empty. */
    long headQueuedAt() {
        return queuedAt[head];
    }

    /** Removes the oldest entry and returns its handler. */
    ReplyHandler remove() {
        ReplyHandler h = handlers[head];
        handlers[head] = null;
        head = (head + 1) & (handlers.length - 1);
        size--;
        return h;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Requests queued (handshakes excluded) and their bytes: {@code {count, bytes}}. */
    long[] requestTotals() {
        long count = 0;
        long total = 0;
        for (int i = 0; i < size; i++) {
            int b = bytes[(head + i) & (bytes.length - 1)];
            if (b != HANDSHAKE) {
                count++;
                total += b;
            }
        }
        return new long[] {count, total};
    }

    private void grow() {
        int n = handlers.length * 2;
        ReplyHandler[] h = new ReplyHandler[n];
        int[] b = new int[n];
        long[] q = new long[n];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (handlers.length - 1);
            h[i] = handlers[from];
            b[i] = bytes[from];
            q[i] = queuedAt[from];
        }
        Arrays.fill(handlers, null);
        handlers = h;
        bytes = b;
        queuedAt = q;
        head = 0;
    }
}
