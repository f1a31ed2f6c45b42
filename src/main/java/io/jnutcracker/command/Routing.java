package io.jnutcracker.command;

/** How the proxy handles a command once it is parsed: the {@code route} column of {@code commands.tsv}. */
public enum Routing {
    /**
     * Placed by its keys (Redis's key specs): forwarded whole when every key is on one server,
     * refused with {@code -CROSSSLOT} when they span servers; keyless requests (EVAL with 0 keys) go
     * where {@link #PLACEHOLDER} goes. nutcracker placed every such command by its first argument.
     */
    KEYS("key"),
    /** Split by server, one sub-request per server; the values come back as one array in key order (MGET). */
    SPLIT_VALUES("split-values"),
    /** Split by server, one sub-request per server; the counts are summed (DEL, UNLINK, TOUCH, EXISTS). */
    SPLIT_KEYS("split-keys"),
    /** Split by server in key/value pairs; {@code +OK} once every part is (MSET). */
    SPLIT_PAIRS("split-pairs"),
    /** Keyless; forwarded to the server owning the literal key {@code placeholder} (nutcracker
     * {@code msg_set_placeholder_key}): any live server answers it alike (TIME, COMMAND, LOLWUT). */
    PLACEHOLDER("any"),
    /** Sent to every server of the pool; the integer replies are summed (DBSIZE). */
    ALL_SUM("all-sum"),
    /** Sent to every server of the pool, which all answer alike; the first error, else the first
     * reply (SCRIPT LOAD, FUNCTION LOAD: so EVALSHA and FCALL work wherever the key lands). */
    ALL_SAME("all-same"),
    /** Sent to every server; arrays of 0/1 merged element by element, 1 only where every server says 1
     * (SCRIPT EXISTS). */
    ALL_AND("all-and"),
    /** Sent to every server; one INFO text, the keyspace summed over the pool (INFO). */
    INFO("info"),
    /** Answered by the proxy itself (PING, QUIT, AUTH, SELECT). */
    LOCAL("local"),
    /** Served on a server connection of the client's own while a blocking command, a transaction
     * or a subscription lasts; {@link Stateful} says how (issue 16). */
    DEDICATED("dedicated"),
    /** Known to Redis but refused by the proxy: it would need per-connection state, block a shared
     * server connection, or reach outside the pool. Answered with an {@code -ERR}. */
    UNSUPPORTED("refused");

    private final String column;

    Routing(String column) {
        this.column = column;
    }

    /** The value in the {@code route} column of {@code commands.tsv}. */
    public String column() {
        return column;
    }

    /** Whether the request goes to every server of the pool. */
    public boolean toAllServers() {
        return this == ALL_SUM || this == ALL_SAME || this == ALL_AND || this == INFO;
    }

    static Routing ofColumn(String value) {
        for (Routing r : values()) {
            if (value.equals(r.column) || value.startsWith(r.column + ":")) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown route '" + value + "'");
    }
}
