package io.jnutcracker.config;

import io.jnutcracker.hash.Distribution;
import io.jnutcracker.hash.HashFunction;
import java.util.Optional;

/**
 * Every pool key nutcracker 0.5.0 knows, with its value parser and default: the one table the parser,
 * validation, docs and tests read, as {@code conf_commands[]} is in {@code nc_conf.c}. Keys are
 * case-sensitive; anything else is {@code directive "x" is unknown}. The defaults are those
 * {@code conf_validate_pool} fills in; a {@code null} default means "none" (listen is required,
 * hash_tag and redis_auth are optional, servers is a list).
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
    SERVERS("servers", ValueKind.SERVER, null);

    private final String key;
    private final ValueKind kind;
    private final Object defaultValue;

    Directive(String key, ValueKind kind, Object defaultValue) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
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
