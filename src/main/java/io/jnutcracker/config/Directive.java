package io.jnutcracker.config;

import io.jnutcracker.hash.Distribution;
import io.jnutcracker.hash.HashFunction;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every pool key nutcracker 0.5.0 knows, with its value parser and default: the one table the parser,
 * validation, docs and tests read, as {@code conf_commands[]} is in {@code nc_conf.c}. Keys are
 * case-sensitive; anything else is {@code directive "x" is unknown}. The defaults are those
 * {@code conf_validate_pool} fills in; a {@code null} default means "none" (listen is required,
 * hash_tag and redis_auth are optional, servers is a list).
 *
 * <p>The table has two sections. The first is nutcracker 0.5.0's, exactly. The second holds
 * jnutcracker's own keys ({@link #isExtension()}), all named {@code jn_*} so that they can never
 * collide with a key a later nutcracker adds. A file that uses one of them is refused by the real
 * nutcracker ({@code directive "jn_..." is unknown}): README, "Extension keys".
 */
public enum Directive {
    LISTEN("listen", ValueKind.LISTEN, null),
    HASH("hash", ValueKind.HASH, HashFunction.FNV1A_64),
    HASH_TAG("hash_tag", ValueKind.HASH_TAG, null),
    DISTRIBUTION("distribution", ValueKind.DISTRIBUTION, Distribution.KETAMA),
    /** ms; -1 (and 0) mean wait forever. */
    TIMEOUT("timeout", ValueKind.NUMBER, -1),
    BACKLOG("backlog", ValueKind.NUMBER, 512),
    /** Parsed and duplicate-checked, then ignored by nutcracker 0.5.0 (#477). */
    CLIENT_CONNECTIONS("client_connections", ValueKind.NUMBER, 0),
    /** false means memcached ASCII, not redis. */
    REDIS("redis", ValueKind.BOOLEAN, false),
    REDIS_AUTH("redis_auth", ValueKind.STRING, null),
    REDIS_DB("redis_db", ValueKind.NUMBER, 0),
    PRECONNECT("preconnect", ValueKind.BOOLEAN, false),
    AUTO_EJECT_HOSTS("auto_eject_hosts", ValueKind.BOOLEAN, false),
    /** Must not be 0. */
    SERVER_CONNECTIONS("server_connections", ValueKind.NUMBER, 1),
    /** ms. */
    SERVER_RETRY_TIMEOUT("server_retry_timeout", ValueKind.NUMBER, 30000),
    SERVER_FAILURE_LIMIT("server_failure_limit", ValueKind.NUMBER, 2),
    /** SO_KEEPALIVE on accepted client sockets (not server sockets, whatever the README says). */
    TCPKEEPALIVE("tcpkeepalive", ValueKind.BOOLEAN, false),
    /** The one sequence of a pool; each entry is added, so it is never a duplicate. */
    SERVERS("servers", ValueKind.SERVER, null),

    // ---- jnutcracker-only keys (not in nutcracker 0.5.0; nutcracker refuses a file using them) ----

    /**
     * Seconds between background checks of the replication topology behind the pools
     * ({@code io.jnutcracker.topology}); 0 (the default) is off.
     */
    JN_VERIFY_INTERVAL("jn_verify_interval", ValueKind.NUMBER, 0, true),
    /**
     * Where reads go when a member of this (read) pool is down or ejected: {@code pool:NAME} or
     * {@code proxy:HOST:PORT} ({@link ReadFallback}); unset (the default) is nutcracker's behaviour.
     */
    JN_READ_FALLBACK("jn_read_fallback", ValueKind.READ_FALLBACK, null, true),
    /**
     * Server connections the pool may hold for single clients at once, over all event loops: one per
     * client in a blocking command or a transaction, one per server a subscriber uses (issue 16).
     * Over it such a command gets an error at once; 0 refuses them all.
     */
    JN_DEDICATED_CONNECTIONS("jn_dedicated_connections", ValueKind.NUMBER, DedicatedLimit.DEFAULT.connections(), true);

    private final String key;
    private final ValueKind kind;
    private final Object defaultValue;
    private final boolean extension;

    Directive(String key, ValueKind kind, Object defaultValue) {
        this(key, kind, defaultValue, false);
    }

    Directive(String key, ValueKind kind, Object defaultValue, boolean extension) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.extension = extension;
    }

    /** nutcracker 0.5.0's own keys, in its {@code conf_commands[]} order. */
    public static List<Directive> nutcracker() {
        return Arrays.stream(values()).filter(d -> !d.extension).toList();
    }

    /** jnutcracker's extension keys: what makes a file unreadable by nutcracker. */
    public static List<Directive> extensions() {
        return Arrays.stream(values()).filter(d -> d.extension).toList();
    }

    /** True for a jnutcracker-only key ({@code jn_*}). */
    public boolean isExtension() {
        return extension;
    }

    /** The YAML key, e.g. {@code server_retry_timeout}. */
    public String key() {
        return key;
    }

    /** The accepted value syntax, for documentation. */
    public String syntax() {
        return kind.syntax();
    }

    /** The value used when the key is absent, or {@code null} when there is none. */
    public Object defaultValue() {
        return defaultValue;
    }

    /** Exact, case-sensitive lookup ({@code Redis:} is unknown). */
    public static Optional<Directive> byKey(String key) {
        for (Directive d : values()) {
            if (d.key.equals(key)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Applies one {@code key: value} (or one sequence entry) to a pool being read. As in nutcracker's
     * {@code conf_set_*}, the duplicate check comes before the value is looked at.
     */
    void apply(PoolDraft pool, String value, int line) throws InvalidValue {
        if (this != SERVERS && pool.has(this)) {
            throw new InvalidValue("is a duplicate");
        }
        pool.set(this, kind.parse(value, line), line);
    }
}
