package io.jnutcracker.command;

import io.jnutcracker.resp.Request;
import java.util.HashMap;
import java.util.Map;

/**
 * The commands served on a server connection of the client's own (issue 16): blocking commands,
 * transactions and Pub/Sub subscriptions. nutcracker closes the connection on all of them. The client
 * side consults this table, by name, before the general {@link Command} table, whose rows for these
 * commands only say {@link Routing#DEDICATED}. Each row says what state the command starts or ends,
 * where its keys (or channels) are, and, for docs, where its own timeout is.
 */
public enum Stateful {
    BLPOP(Kind.BLOCKING, 3, Keys.ALL_BUT_LAST, "key [key ...] timeout", "last argument"),
    BRPOP(Kind.BLOCKING, 3, Keys.ALL_BUT_LAST, "key [key ...] timeout", "last argument"),
    BZPOPMIN(Kind.BLOCKING, 3, Keys.ALL_BUT_LAST, "key [key ...] timeout", "last argument"),
    BZPOPMAX(Kind.BLOCKING, 3, Keys.ALL_BUT_LAST, "key [key ...] timeout", "last argument"),
    BRPOPLPUSH(Kind.BLOCKING, 4, Keys.FIRST_TWO, "source destination timeout", "last argument"),
    BLMOVE(Kind.BLOCKING, 6, Keys.FIRST_TWO, "source destination LEFT|RIGHT LEFT|RIGHT timeout", "last argument"),
    BLMPOP(Kind.BLOCKING, 5, Keys.NUMKEYS_AT_2, "timeout numkeys key [key ...] LEFT|RIGHT [COUNT n]", "first argument"),
    BZMPOP(Kind.BLOCKING, 5, Keys.NUMKEYS_AT_2, "timeout numkeys key [key ...] MIN|MAX [COUNT n]", "first argument"),
    XREAD(Kind.BLOCKING, 4, Keys.STREAMS, "[COUNT n] [BLOCK ms] STREAMS key [key ...] id [id ...]", "BLOCK ms"),
    XREADGROUP(Kind.BLOCKING, 7, Keys.STREAMS,
            "GROUP group consumer [COUNT n] [BLOCK ms] [NOACK] STREAMS key [key ...] id [id ...]", "BLOCK ms"),
    WATCH(Kind.WATCH, 2, Keys.ALL, "key [key ...]", null),
    UNWATCH(Kind.UNWATCH, 1, Keys.NONE, "none", null),
    MULTI(Kind.MULTI, 1, Keys.NONE, "none", null),
    EXEC(Kind.EXEC, 1, Keys.NONE, "none", null),
    DISCARD(Kind.DISCARD, 1, Keys.NONE, "none", null),
    SUBSCRIBE(Kind.SUBSCRIBE, 2, Keys.ALL, "channel [channel ...]", null),
    UNSUBSCRIBE(Kind.SUBSCRIBE, 1, Keys.ALL, "[channel ...]", null),
    PSUBSCRIBE(Kind.SUBSCRIBE, 2, Keys.ALL, "pattern [pattern ...]", null),
    PUNSUBSCRIBE(Kind.SUBSCRIBE, 1, Keys.ALL, "[pattern ...]", null),
    SSUBSCRIBE(Kind.SUBSCRIBE, 2, Keys.ALL, "shardchannel [shardchannel ...]", null),
    SUNSUBSCRIBE(Kind.SUBSCRIBE, 1, Keys.ALL, "[shardchannel ...]", null);

    /** What a command does to the client's state. */
    public enum Kind {
        /** Holds a connection until its reply (the pool {@code timeout} does not apply). */
        BLOCKING,
        /** Pins the client to the server of its keys until EXEC, DISCARD or UNWATCH. */
        WATCH, UNWATCH, MULTI, EXEC, DISCARD,
        /** Enters or leaves the subscribed mode; channels on their servers, patterns on every server. */
        SUBSCRIBE
    }

    /** Where a command's keys (or channels) are among its arguments. */
    enum Keys { NONE, ALL, ALL_BUT_LAST, FIRST_TWO, NUMKEYS_AT_2, STREAMS }

    private static final Map<String, Stateful> BY_NAME = new HashMap<>();
    private static final byte[] STREAMS_TOKEN = {'S', 'T', 'R', 'E', 'A', 'M', 'S'};
    private static final byte[] BLOCK_TOKEN = {'B', 'L', 'O', 'C', 'K'};

    static {
        for (Stateful s : values()) {
            BY_NAME.put(s.name(), s);
        }
    }

    private final Kind kind;
    private final int minArgc;
    private final Keys keys;
    private final String syntax;
    private final String timeout;

    Stateful(Kind kind, int minArgc, Keys keys, String syntax, String timeout) {
        this.kind = kind;
        this.minArgc = minArgc;
        this.keys = keys;
        this.syntax = syntax;
        this.timeout = timeout;
    }

    /** The row for {@code command}, or {@code null} when it is served on the shared connections. */
    public static Stateful of(Command command) {
        return command == null || command.routing() != Routing.DEDICATED ? null : BY_NAME.get(command.name());
    }

    public Kind kind() {
        return kind;
    }

    /** Argument count including the name (Redis arity): at least this many. */
    public boolean accepts(int argc) {
        return argc >= minArgc && (this != BRPOPLPUSH || argc == 4) && (this != BLMOVE || argc == 6)
                && (kind != Kind.MULTI && kind != Kind.EXEC && kind != Kind.DISCARD && kind != Kind.UNWATCH || argc == 1);
    }

    /** The arguments after the name, for docs. */
    public String syntax() {
        return syntax;
    }

    /** Where the command's own timeout is, for docs; {@code null} when it has none. */
    public String timeout() {
        return timeout;
    }

    /** Whether an XREAD/XREADGROUP has a BLOCK option (before STREAMS); other blocking commands always block. */
    public boolean blocks(Request request) {
        if (keys != Keys.STREAMS) {
            return kind == Kind.BLOCKING;
        }
        for (int i = 1; i < request.argc() && !request.argIs(i, STREAMS_TOKEN); i++) {
            if (request.argIs(i, BLOCK_TOKEN)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The argument indexes of the keys (or channels) of {@code request}; empty when it has none;
     * {@code null} when they cannot be found (a bad numkeys, no STREAMS or an odd count after it).
     */
    public int[] keys(Request request) {
        int argc = request.argc();
        return switch (keys) {
            case NONE -> new int[0];
            case ALL -> range(1, argc);
            case ALL_BUT_LAST -> range(1, argc - 1);
            case FIRST_TWO -> range(1, 3);
            case NUMKEYS_AT_2 -> {
                int n = number(request.argString(2));
                yield n < 1 || 3 + n > argc ? null : range(3, 3 + n);
            }
            case STREAMS -> {
                int at = 1;
                while (at < argc && !request.argIs(at, STREAMS_TOKEN)) {
                    at++;
                }
                int rest = argc - at - 1;
                yield at >= argc || rest < 2 || rest % 2 != 0 ? null : range(at + 1, at + 1 + rest / 2);
            }
        };
    }

    private static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(s);
    }
}
