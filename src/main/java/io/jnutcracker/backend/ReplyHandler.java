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
}
