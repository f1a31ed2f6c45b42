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
 * nutcracker ({@code directive "jn_..." is unknown}): README, "Extension keys". The third holds keys
 * of twemproxy's master branch ({@code reuseport}), which 0.5.0 refuses and master builds accept.
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
    /** The listener's certificate chain (PEM): with {@link #JN_TLS_KEY}, clients must speak TLS ({@link TlsConfig}). */
    JN_TLS_CERT("jn_tls_cert", ValueKind.PEM_FILE, null, true),
    /** The listener's private key (unencrypted PKCS#8 PEM). */
    JN_TLS_KEY("jn_tls_key", ValueKind.PEM_FILE, null, true),
    /** CA certificates (PEM): when set, a client must present a certificate signed by one of them. */
    JN_TLS_CLIENT_CA("jn_tls_client_ca", ValueKind.PEM_FILE, null, true),
    /** Connect to the pool's servers with TLS. */
    JN_TLS_SERVER("jn_tls_server", ValueKind.BOOLEAN, false, true),
    /** CA certificates (PEM) the servers' certificates must chain to; unset: the JDK's trust store. */
    JN_TLS_SERVER_CA("jn_tls_server_ca", ValueKind.PEM_FILE, null, true),
    /** The proxy's client certificate for the servers (PEM), with {@link #JN_TLS_SERVER_KEY}. */
    JN_TLS_SERVER_CERT("jn_tls_server_cert", ValueKind.PEM_FILE, null, true),
    JN_TLS_SERVER_KEY("jn_tls_server_key", ValueKind.PEM_FILE, null, true),
    /** SNI and the name checked in the servers' certificates; unset: each server's own host. */
    JN_TLS_SERVER_NAME("jn_tls_server_name", ValueKind.STRING, null, true),
    /** What is checked of a server's certificate: chain and name (the default), chain, or nothing. */
    JN_TLS_SERVER_VERIFY("jn_tls_server_verify", ValueKind.TLS_VERIFY, TlsConfig.Verify.FULL, true),

    /**
     * Seconds a read member may lag behind its master before the background check marks it unreadable
     * (as it does while its replication link is down); its reads then go to its master through
     * {@code jn_read_fallback} ({@link ReplicaReads}). 0 (the default) is off.
     */
    JN_MAX_REPLICA_LAG("jn_max_replica_lag", ValueKind.NUMBER, 0, true),
    /**
     * A nil reply of a read member to a single-key read is asked once more of its master through
     * {@code jn_read_fallback} ({@link ReplicaReads}); false (the default) is off.
     */
    JN_RETRY_MISS_ON_MASTER("jn_retry_miss_on_master", ValueKind.BOOLEAN, false, true),

    /**
     * The Redis Sentinels that watch this pool's masters ({@link SentinelSettings}): each server's name
     * is then a Sentinel master name, and its address follows failovers. Unset (the default): the
     * addresses in the file, as nutcracker.
     */
    JN_SENTINELS("jn_sentinels", ValueKind.ADDRESSES, null, true),
    /** The Sentinels' password ({@code requirepass} in sentinel.conf); only with {@code jn_sentinels}. */
    JN_SENTINEL_AUTH("jn_sentinel_auth", ValueKind.STRING, null, true),
    /**
     * This data centre's hosts or subnets: makes a {@code jn_sentinels} pool a read pool whose members
     * are local replicas of the named masters, found through the Sentinels.
     */
    JN_SENTINEL_LOCAL("jn_sentinel_local", ValueKind.SUBNETS, null, true),

    /**
     * Server connections the pool may hold for single clients at once, over all event loops: one per
     * client in a blocking command or a transaction, one per server a subscriber uses (issue 16).
     * Over it such a command gets an error at once; 0 refuses them all.
     */
    JN_DEDICATED_CONNECTIONS("jn_dedicated_connections", ValueKind.NUMBER, DedicatedLimit.DEFAULT.connections(), true),
    // ---- twemproxy master's keys (after 0.5.0): accepted so files written for master builds load ----

    /** SO_REUSEPORT on the pool's listener (twemproxy master, PR #396). */
    REUSEPORT("reuseport", ValueKind.BOOLEAN, false, false, true);

    private final String key;
    private final ValueKind kind;
    private final Object defaultValue;
    private final boolean extension;
    /** A key of twemproxy's master branch, unknown to 0.5.0 but not ours either. */
    private final boolean master;

    Directive(String key, ValueKind kind, Object defaultValue) {
        this(key, kind, defaultValue, false, false);
    }

    Directive(String key, ValueKind kind, Object defaultValue, boolean extension) {
        this(key, kind, defaultValue, extension, false);
    }

    Directive(String key, ValueKind kind, Object defaultValue, boolean extension, boolean master) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.extension = extension;
        this.master = master;
    }

    /** nutcracker 0.5.0's own keys, in its {@code conf_commands[]} order. */
    public static List<Directive> nutcracker() {
        return Arrays.stream(values()).filter(d -> !d.extension && !d.master).toList();
    }

    /** Keys twemproxy's master branch added after 0.5.0 ({@code reuseport}). */
    public static List<Directive> masterKeys() {
        return Arrays.stream(values()).filter(d -> d.master).toList();
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
