package io.jnutcracker.backend;

import io.jnutcracker.resp.Reply;

/**
 * What a server connection held by one client (a blocking command, a transaction, a subscription)
 * does beyond a shared one: replies that answer no request (Pub/Sub messages) go to {@link #onPush},
 * not to the FIFO's head, and its end is reported once, whoever closed it.
 */
public interface Dedication {
    /** Whether {@code reply} is a push (a message), not the answer to the oldest request. */
    boolean isPush(Reply reply);

    /** A push; the callee owns {@code reply}. */
    void onPush(Reply reply);

    /** The connection closed (after its waiting requests were answered {@code reason}). */
    void onClosed(CloseReason reason);
}
