package io.jnutcracker.command;

/** How the proxy handles a command once it is parsed. */
public enum Routing {
    /** Forwarded whole to the server owning its first key (nutcracker: every non-split command). */
    FIRST_KEY,
    /** Split by server, one sub-request per server; the values come back as one array in key order (MGET). */
    SPLIT_VALUES,
    /** Split by server, one sub-request per server; the counts are summed (DEL, UNLINK, TOUCH, EXISTS). */
    SPLIT_KEYS,
    /** Split by server in key/value pairs; {@code +OK} once every part is (MSET). */
    SPLIT_PAIRS,
    /** Keyless; forwarded to the server owning the literal key {@code placeholder} (nutcracker
     * {@code msg_set_placeholder_key}). */
    PLACEHOLDER,
    /** Answered by the proxy itself (PING, QUIT, AUTH, SELECT). */
    LOCAL,
    /** Served on a server connection of the client's own while a blocking command, a transaction
     * or a subscription lasts; {@link Stateful} says how. */
    DEDICATED,
    /** Known to Redis but refused by the proxy: it would need per-connection state, block a shared
     * server connection, or reach outside the pool. Answered with an {@code -ERR}. */
    UNSUPPORTED
}
