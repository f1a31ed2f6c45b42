package io.jnutcracker.command;

import io.jnutcracker.resp.Request;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * One row of the command table ({@code commands.tsv}, read by {@link CommandTable}): Redis's own
 * metadata recorded from a real server (arity, flags, key specs) beside the proxy's columns (how it
 * routes and merges, why it refuses, whether nutcracker 0.5.0 served it). A subcommand (OBJECT
 * ENCODING) is a row of its own, named {@code OBJECT|ENCODING} as Redis names it.
 */
public final class Command implements CommandSpec {
    /** Commands a client may send before it has authenticated against {@code redis_auth}: as Redis and
     * nutcracker, everything else (PING included) gets {@code -NOAUTH}. */
    private static final Set<String> BEFORE_AUTH = Set.of("AUTH", "HELLO", "QUIT");

    /**
     * Single-key reads whose miss is the nil bulk, so a nil from a read replica may only mean "not
     * replicated yet" ({@code jn_retry_miss_on_master} asks the master once). Reads that answer a miss
     * with an empty string, an empty array or 0 (GETRANGE, LRANGE, EXISTS, ...) are not here: their
     * answer cannot tell a miss apart, and MGET is split (its nil elements are never retried).
     */
    private static final Set<String> MISS_IS_NIL = Set.of(
            "GET", "HGET", "LINDEX", "LPOS", "ZSCORE", "ZRANK", "ZREVRANK", "SRANDMEMBER", "HRANDFIELD", "GEODIST", "DUMP");

    private final int ordinal;
    private final String name;
    private final String group;
    private final byte[] upperName;
    /** Redis's arity: N exactly N arguments (name included), -N at least N. */
    private final int arity;
    private final Set<String> flags;
    private final KeySpec[] keySpecs;
    private final Routing routing;
    private final Unsupported unsupported;
    private final boolean inNutcracker;
    /** The one key's argument for single-key commands (GET ...), else 0: see {@link #keyArg()}. */
    private final int keyArg;
    private Command[] subcommands = new Command[0];

    Command(int ordinal, String name, int arity, Set<String> flags, KeySpec[] keySpecs, Routing routing,
            Unsupported unsupported, boolean inNutcracker) {
        this.ordinal = ordinal;
        this.name = name.toUpperCase(Locale.ROOT);
        int bar = this.name.indexOf('|');
        this.group = bar < 0 ? this.name : this.name.substring(0, bar);
        this.upperName = this.name.substring(bar + 1).getBytes(StandardCharsets.US_ASCII);
        this.arity = arity;
        this.flags = flags;
        this.keySpecs = keySpecs;
        this.routing = routing;
        this.unsupported = unsupported;
        this.inNutcracker = inNutcracker;
        this.keyArg = keySpecs.length == 1 && keySpecs[0].isSingleKey() ? keySpecs[0].index() : 0;
    }

    /** Every row, in table order (stats count by {@link #ordinal()}). */
    public static Command[] values() {
        return CommandTable.all().toArray(new Command[0]);
    }

    /** The name as Redis reports it, upper case: {@code GET}, {@code OBJECT|ENCODING}. */
    @Override
    public String name() {
        return name;
    }

    /** The top-level command's name ({@code OBJECT} for {@code OBJECT|ENCODING}). */
    public String group() {
        return group;
    }

    /** This row's index in the table. */
    public int ordinal() {
        return ordinal;
    }

    public int arity() {
        return arity;
    }

    /** Redis's command flags, lower case ({@code readonly}, {@code write}, {@code blocking} ...). */
    public Set<String> flags() {
        return flags;
    }

    @Override
    public Routing routing() {
        return routing;
    }

    /** Why the proxy refuses this command, or {@code null} when it is served. */
    public Unsupported unsupported() {
        return unsupported;
    }

    /** Whether {@code argc} arguments (name included) fit Redis's arity, and MSET's pairs. */
    public boolean accepts(int argc) {
        boolean fits = arity >= 0 ? argc == arity : argc >= -arity;
        return fits && (routing != Routing.SPLIT_PAIRS || argc % 2 == 1);
    }

    /**
     * The argument holding the one key of a single-key command (GET: 1, OBJECT ENCODING: 2); 0 when
     * the command has several keys or none ({@link #keys} finds them).
     */
    @Override
    public int keyArg() {
        return keyArg;
    }

    /** Whether the keys must be found with the key specs ({@link #keys}): several, or movable. */
    @Override
    public boolean hasKeySpecs() {
        return keySpecs.length > 0;
    }

    /**
     * The argument positions of the request's keys, in Redis's order (duplicates kept); an empty
     * array when it names none, {@code null} when it does not fit the key specs (malformed: Redis
     * will answer it with its own error).
     */
    @Override
    public int[] keys(Request request) {
        int[] out = new int[request.argc()];
        int n = 0;
        for (KeySpec spec : keySpecs) {
            n = spec.find(request, out, n);
            if (n < 0) {
                return null;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Arguments per key of a split command (1 for keys, 2 for key-value pairs); 0 if never split. */
    @Override
    public int keyStep() {
        return switch (routing) {
            case SPLIT_PAIRS -> 2;
            case SPLIT_KEYS, SPLIT_VALUES -> 1;
            default -> 0;
        };
    }

    /** Whether a client that has not yet authenticated may send it (see {@link #BEFORE_AUTH}). */
    public boolean beforeAuth() {
        return BEFORE_AUTH.contains(group);
    }

    /** Whether the command only reads (Redis's {@code readonly} flag): read pools may send it to a master. */
    @Override
    public boolean isRead() {
        return flags.contains("readonly") && routing != Routing.UNSUPPORTED;
    }

    /** Whether this is one of nutcracker 0.5.0's 137 supported commands (the rest are our additions). */
    public boolean inNutcracker() {
        return inNutcracker;
    }

    /** The subcommand named by argument 1 of {@code request}, or {@code null}. */
    Command subcommand(Request request) {
        for (Command sub : subcommands) {
            if (request.argIs(1, sub.upperName)) {
                return sub;
            }
        }
        return null;
    }

    boolean hasSubcommands() {
        return subcommands.length > 0;
    }

    void addSubcommand(Command sub) {
        subcommands = java.util.Arrays.copyOf(subcommands, subcommands.length + 1);
        subcommands[subcommands.length - 1] = sub;
    }

    /** The upper-case ASCII name within its group; do not modify. */
    byte[] upperName() {
        return upperName;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Whether a missing key is answered with the nil bulk (see {@link #MISS_IS_NIL}); always a read. */
    @Override
    public boolean missIsNil() {
        return MISS_IS_NIL.contains(name);
    }
}
