package io.jnutcracker.backend;

import java.util.Arrays;

/**
 * Requests sent on one server connection and not yet answered, oldest first, each with the
 * monotonic time it was queued (nutcracker's {@code omsg_q} plus the timeout tree). A ring of two
 * parallel arrays, so queuing a request allocates nothing.
 */
final class InFlightQueue {
    private ReplyHandler[] handlers = new ReplyHandler[16];
    private long[] queuedAt = new long[16];
    private int head;
    private int size;

    void add(ReplyHandler handler, long queuedAtNanos) {
        if (size == handlers.length) {
            grow();
        }
        int tail = (head + size) & (handlers.length - 1);
        handlers[tail] = handler;
        queuedAt[tail] = queuedAtNanos;
        size++;
    }

    /** Removes and returns the oldest handler, or {@code null} when empty. */
    ReplyHandler poll() {
        if (size == 0) {
            return null;
        }
        ReplyHandler h = handlers[head];
        handlers[head] = null;
        head = (head + 1) & (handlers.length - 1);
        size--;
        return h;
    }

    /** Queue time of the oldest request; only valid when not empty. */
    long oldestQueuedAt() {
        return queuedAt[head];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    private void grow() {
        ReplyHandler[] h = new ReplyHandler[handlers.length * 2];
        long[] q = new long[h.length];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (handlers.length - 1);
            h[i] = handlers[from];
            q[i] = queuedAt[from];
        }
        Arrays.fill(handlers, null);
        handlers = h;
        queuedAt = q;
        head = 0;
    }
}
