package io.jnutcracker.command;

import io.jnutcracker.resp.Request;

/**
 * What the forwarders need to know of a command, whatever the protocol: where its placing key is,
 * how it splits, whether it only reads, whether the server answers it. {@link Command} (Redis) and
 * {@link McCommand} (memcached) are the two tables implementing it; the route package reads nothing
 * else of a command.
 */
public interface CommandSpec {
    /** The command's name as the tables and docs write it. */
    String name();

    /** How the proxy handles it once parsed. */
    Routing routing();

    /**
     * The argument whose key places a request forwarded whole (1 for most); 0 when the literal key
     * {@code placeholder} places it (nutcracker {@code msg_set_placeholder_key}).
     */
    int keyArg();

    /** Arguments per key of a split command (1 for keys, 2 for key-value pairs); 0 if never split. */
    int keyStep();

    /** Whether the command only reads (read pools may send it to a member's master). */
    boolean isRead();

    /** Whether {@link #keys} finds the keys (several, or movable); false where {@link #keyArg} is all. */
    default boolean hasKeySpecs() {
        return false;
    }

    /**
     * The argument positions of {@code request}'s keys, in order; an empty array when it names none,
     * {@code null} when it does not fit (the server answers it). Only asked when {@link #hasKeySpecs}.
     */
    default int[] keys(Request request) {
        return new int[0];
    }

    /** Whether a missing key is answered with a nil (a read replica's nil may be "not replicated yet"). */
    default boolean missIsNil() {
        return false;
    }

    /**
     * Whether the server sends no reply to {@code request} (memcached's {@code noreply}): the proxy
     * then waits for none and the client gets none (nutcracker {@code msg->noreply}).
     */
    default boolean noreply(Request request) {
        return false;
    }
}
