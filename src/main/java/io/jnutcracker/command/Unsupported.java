package io.jnutcracker.command;

/** Why a command Redis knows is refused by the proxy; the text goes into the {@code -ERR} reply. */
public enum Unsupported {
    SPANS_SERVERS("it would need every server of the pool"),
    CONNECTION_STATE("it needs per-connection state on a shared server connection"),
    BLOCKING("it would block a server connection shared by all clients"),
    ADMIN("administrative commands must go to a server directly"),
    OUTSIDE_POOL("it would make a server talk to hosts outside the pool"),
    OTHER_DB("each client sees only the pool's redis_db");

    private final String reason;

    Unsupported(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
