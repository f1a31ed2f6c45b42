package io.jnutcracker.backend;

import io.jnutcracker.resp.Reply;

/**
 * Receives the outcome of one request forwarded to a server: exactly one of the two methods is
 * called, exactly once, on the event loop that owns the server connection.
 */
public interface ReplyHandler {
    /** The server's reply; the handler owns {@code reply} and must release it. */
    void onReply(Reply reply);

    /** The request got no reply: the connection failed, timed out or was closed first. */
    void onFailure(CloseReason reason);

    /** Whether the server answers the request; {@code false} only for {@link #NOREPLY}. */
    default boolean expectsReply() {
        return true;
    }

    /**
     * For a request the server does not answer (memcached {@code noreply}): the connection writes it
     * and waits for nothing, as nutcracker puts such a request away once sent ({@code req_send_done}).
     */
    ReplyHandler NOREPLY = new ReplyHandler() {
        @Override
        public void onReply(Reply reply) {
            reply.release();
        }

        @Override
        public void onFailure(CloseReason reason) {
            // nobody waits for it
        }

        @Override
        public boolean expectsReply() {
            return false;
        }
    };
}
