package io.jnutcracker.route;

import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.jnutcracker.resp.Request;

/**
 * Sends a client's request to the server(s) owning its keys (nutcracker {@code req_forward}). A
 * generation builds one chain of forwarders per event loop, once: decorators around a plain
 * key-to-server forwarder ({@link KeyForwarder}), such as splitting multi-key requests
 * ({@link FragmentingForwarder}). The client side hands every request to the head of the chain and
 * knows nothing of what the chain does.
 */
public interface Forwarder {
    /**
     * Forwards {@code request} (ownership passes here); {@code handler} gets the outcome, exactly
     * once, on this event loop: the reply, or the reason there is none.
     */
    void forward(Request request, CommandSpec command, ReplyHandler handler);
}
