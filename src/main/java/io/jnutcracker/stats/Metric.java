package io.jnutcracker.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The metric table (nutcracker {@code nc_stats.h} {@code STATS_POOL_CODEC}/{@code STATS_SERVER_CODEC}
 * plus the stats header): every metric the proxy keeps, in nutcracker's order, with nutcracker's name
 * and description. Counting ({@link LoopStats} slots), the stats JSON ({@link StatsJson}), {@code -D}
 * ({@link #describe}) and the Prometheus endpoint ({@link PrometheusCollector}) all walk this table;
 * no metric is spelled out anywhere else.
 *
 * <p>Entries with {@code nutcracker == false} are ours: they appear in {@code -D} after nutcracker's
 * sections and on the Prometheus endpoint. Ours of {@link Scope#TOP} (process-level values, read from
 * {@link ProcessStats}) also appear in the stats JSON, as top-level scalars after nutcracker's header
 * and before the pools; ours of a pool or a server never do, so scripts that walk nutcracker's JSON
 * (every top-level object is a pool, every nested object of a pool is a server) keep working.
 */
public enum Metric {
    // ---- the header of the stats JSON (nutcracker stats_add_header), in its order ----
    SERVICE("service", Scope.TOP, Type.STRING, "always 'nutcracker'", null),
    SOURCE("source", Scope.TOP, Type.STRING, "host name", null),
    VERSION("version", Scope.TOP, Type.STRING, "nutcracker version the proxy is compatible with", null),
    UPTIME("uptime", Scope.TOP, Type.SECONDS, "seconds since the proxy started", "nutcracker_uptime_seconds"),
    TIMESTAMP("timestamp", Scope.TOP, Type.SECONDS, "unix time of the document", null),
    TOTAL_CONNECTIONS("total_connections", Scope.TOP, Type.COUNTER,
            "# connections since start: listeners, clients and servers", "nutcracker_connections"),
    CURR_CONNECTIONS("curr_connections", Scope.TOP, Type.GAUGE,
            "# open connections: listeners, clients and servers", "nutcracker_curr_connections"),

    // ---- pool stats, nutcracker's codec order ----
    CLIENT_EOF("client_eof", Scope.POOL, Type.COUNTER, "# eof on client connections"),
    CLIENT_ERR("client_err", Scope.POOL, Type.COUNTER, "# errors on client connections"),
    CLIENT_CONNECTIONS("client_connections", Scope.POOL, Type.GAUGE, "# active client connections"),
    SERVER_EJECTS("server_ejects", Scope.POOL, Type.COUNTER, "# times backend server was ejected"),
    FORWARD_ERROR("forward_error", Scope.POOL, Type.COUNTER, "# times we encountered a forwarding error"),
    FRAGMENTS("fragments", Scope.POOL, Type.COUNTER, "# fragments created from a multi-vector request"),

    // ---- server stats, nutcracker's codec order ----
    SERVER_EOF("server_eof", Scope.SERVER, Type.COUNTER, "# eof on server connections"),
    SERVER_ERR("server_err", Scope.SERVER, Type.COUNTER, "# errors on server connections"),
    SERVER_TIMEDOUT("server_timedout", Scope.SERVER, Type.COUNTER, "# timeouts on server connections"),
    SERVER_CONNECTIONS("server_connections", Scope.SERVER, Type.GAUGE, "# active server connections"),
    SERVER_EJECTED_AT("server_ejected_at", Scope.SERVER, Type.TIMESTAMP,
            "timestamp when server was ejected in usec since epoch", "nutcracker_server_ejected_timestamp_seconds"),
    REQUESTS("requests", Scope.SERVER, Type.COUNTER, "# requests"),
    REQUEST_BYTES("request_bytes", Scope.SERVER, Type.COUNTER, "total request bytes"),
    RESPONSES("responses", Scope.SERVER, Type.COUNTER, "# responses"),
    RESPONSE_BYTES("response_bytes", Scope.SERVER, Type.COUNTER, "total response bytes"),
    IN_QUEUE("in_queue", Scope.SERVER, Type.GAUGE, "# requests in incoming queue"),
    IN_QUEUE_BYTES("in_queue_bytes", Scope.SERVER, Type.GAUGE, "current request bytes in incoming queue"),
    OUT_QUEUE("out_queue", Scope.SERVER, Type.GAUGE, "# requests in outgoing queue"),
    OUT_QUEUE_BYTES("out_queue_bytes", Scope.SERVER, Type.GAUGE, "current request bytes in outgoing queue"),

    // ---- beyond nutcracker, process level (ProcessStats): stats JSON after the header, -D and Prometheus ----
    RELOADS("reloads", Scope.TOP, Type.COUNTER, false,
            "# configuration reloads (SIGHUP, --watch), failed ones included", "nutcracker_reloads"),
    RELOAD_FAILURES("reload_failures", Scope.TOP, Type.COUNTER, false,
            "# reloads not applied: invalid file, or a new listen address not bound", "nutcracker_reload_failures"),
    LAST_RELOAD("last_reload", Scope.TOP, Type.UNIX_SECONDS, false,
            "unix time of the last reload, 0 if none", "nutcracker_last_reload_timestamp_seconds"),
    LAST_RELOAD_ERROR("last_reload_error", Scope.TOP, Type.ERROR_TEXT, false,
            "why the last reload was not applied; empty if it was, or if none", "nutcracker_last_reload_failed"),
    TOPOLOGY_INTERVAL("topology_interval", Scope.TOP, Type.GAUGE, false,
            "seconds between background topology checks (jn_verify_interval), 0 if off",
            "nutcracker_topology_interval_seconds"),
    TOPOLOGY_CHECKS("topology_checks", Scope.TOP, Type.COUNTER, false,
            "# background topology checks completed", "nutcracker_topology_checks"),
    TOPOLOGY_LAST_CHECK("topology_last_check", Scope.TOP, Type.UNIX_SECONDS, false,
            "unix time the last topology check finished, 0 if none", "nutcracker_topology_last_check_timestamp_seconds"),
    TOPOLOGY_MISPAIRED("topology_mispaired", Scope.TOP, Type.GAUGE, false,
            "# verified read pool members mis-paired with their master pool, at the last check",
            "nutcracker_topology_mispaired"),
    TOPOLOGY_LINKS_DOWN("topology_links_down", Scope.TOP, Type.GAUGE, false,
            "# verified replicas whose replication link was down, at the last check", "nutcracker_topology_links_down"),
    TOPOLOGY_UNREACHABLE("topology_unreachable", Scope.TOP, Type.GAUGE, false,
            "# verified members that did not answer, at the last check", "nutcracker_topology_unreachable"),
    TOPOLOGY_PROBLEMS("topology_problems", Scope.TOP, Type.GAUGE, false,
            "# problems of every kind in the verified pools, at the last check (each is logged)",
            "nutcracker_topology_problems"),
    REPLICAS_UNREADABLE("replicas_unreadable", Scope.TOP, Type.GAUGE, false,
            "# read members marked unreadable (link down, or lag over jn_max_replica_lag), at the last check",
            "nutcracker_replicas_unreadable"),
    REPLICA_MARKS("replica_marks", Scope.TOP, Type.COUNTER, false,
            "# times a read member was marked unreadable (jn_max_replica_lag)", "nutcracker_replica_marks"),
    TOTAL_UNREADABLE_READS("unreadable_reads", Type.COUNTER, "UNREADABLE_READS",
            "# reads sent to the master because their member was marked unreadable, all pools"),
    TOTAL_MISS_RETRIES("miss_retries", Type.COUNTER, "MISS_RETRIES",
            "# nil replies of read members retried on their master (jn_retry_miss_on_master), all pools"),
    TOTAL_MISS_RETRY_HITS("miss_retry_hits", Type.COUNTER, "MISS_RETRY_HITS",
            "# miss retries the master answered with a value, all pools"),

    // ---- beyond nutcracker, per pool and server: -D and Prometheus only ----
    COMMANDS("commands", Scope.POOL, Type.COMMAND_COUNTS, false,
            "# requests received, by command (unknown ones as 'unknown')", "nutcracker_commands"),
    DEDICATED_CONNECTIONS("dedicated_connections", Scope.POOL, Type.GAUGE, false,
            "# server connections held by single clients (blocking commands, transactions, Pub/Sub);"
                    + " also counted in server_connections", "nutcracker_dedicated_connections"),
    TOPOLOGY_MISS("topology_miss", Scope.POOL, Type.RATIO, false,
            "share of keys a verified read pool would miss (placed unlike its master pool), at the last check",
            "nutcracker_topology_miss_ratio"),
    UNREADABLE_READS("unreadable_reads", Scope.POOL, Type.COUNTER, false,
            "# reads sent to the master because their member was marked unreadable (jn_max_replica_lag)",
            "nutcracker_unreadable_reads"),
    MISS_RETRIES("miss_retries", Scope.POOL, Type.COUNTER, false,
            "# nil replies of a read member retried on its master (jn_retry_miss_on_master)",
            "nutcracker_miss_retries"),
    MISS_RETRY_HITS("miss_retry_hits", Scope.POOL, Type.COUNTER, false,
            "# miss retries the master answered with a value (the replica did not have it yet)",
            "nutcracker_miss_retry_hits"),
    LATENCY("latency", Scope.SERVER, Type.SUMMARY, false,
            "request latency from forward to reply in seconds: p50, p99, p999 over the last 1 to 2 minutes",
            "nutcracker_server_latency_seconds"),
    UNREADABLE("unreadable", Scope.SERVER, Type.REPLICA, false,
            "1 while the background check has the read member marked unreadable (jn_max_replica_lag), else 0",
            "nutcracker_server_unreadable"),
    REPLICA_LAG("replica_lag", Scope.SERVER, Type.REPLICA, false,
            "seconds the read member was behind its master at the last check (jn_max_replica_lag); -1 unknown",
            "nutcracker_server_replica_lag_seconds");

    /** Where a metric lives: the JSON header, a pool, or a server of a pool. */
    public enum Scope { TOP, POOL, SERVER }

    /** How a metric is kept and aggregated. */
    public enum Type {
        /** A header string (service, source, version). */
        STRING,
        /** Seconds computed when the document is written (uptime, timestamp). */
        SECONDS,
        /** Only ever grows; summed over event loops. */
        COUNTER,
        /** Goes up and down; summed over event loops (each loop adds and removes its own). */
        GAUGE,
        /** Microseconds since the epoch; the latest over event loops. */
        TIMESTAMP,
        /** Per-command request counts (one labelled series per command). */
        COMMAND_COUNTS,
        /** Latency percentiles from HdrHistogram, with the sum of latencies in its slot (µs). */
        SUMMARY,
        /** Unix time in whole seconds, 0 for never (a process-level value). */
        UNIX_SECONDS,
        /**
         * Text that is empty while all is well (a process-level value): the stats JSON shows the text,
         * the Prometheus endpoint 1 while it is not empty, else 0.
         */
        ERROR_TEXT,
        /** A share from 0 to 1, per pool, from the background topology check; Prometheus only. */
        RATIO,
        /**
         * The background check's verdict on a read member ({@code jn_max_replica_lag}), per server;
         * Prometheus only, one sample per member judged.
         */
        REPLICA;

        /** Whether the metric has a {@code long} slot (per-loop arrays; for the header, the snapshot's). */
        boolean stored() {
            return this == COUNTER || this == GAUGE || this == TIMESTAMP || this == SUMMARY || this == UNIX_SECONDS;
        }
    }

    private static final Map<Scope, List<Metric>> BY_SCOPE = new EnumMap<>(Scope.class);
    private static final int[] SLOTS = new int[values().length];
    private static final int[] SLOT_COUNT = new int[Scope.values().length];

    static {
        for (Scope s : Scope.values()) {
            BY_SCOPE.put(s, new ArrayList<>());
        }
        for (Metric m : values()) {
            BY_SCOPE.get(m.scope).add(m);
            SLOTS[m.ordinal()] = m.type.stored() ? SLOT_COUNT[m.scope.ordinal()]++ : -1;
        }
        BY_SCOPE.replaceAll((s, list) -> Collections.unmodifiableList(list));
    }

    private final String jsonName;
    private final Scope scope;
    private final Type type;
    private final boolean nutcracker;
    private final String description;
    private final String prometheusName;
    /** For a top-level total: the name of the pool metric it sums over the pools; else null. */
    private final String totalOf;

    Metric(String name, Scope scope, Type type, String description) {
        this(name, scope, type, true, description, "nutcracker_" + name);
    }

    Metric(String name, Scope scope, Type type, String description, String prometheusName) {
        this(name, scope, type, true, description, prometheusName);
    }

    Metric(String name, Scope scope, Type type, boolean nutcracker, String description, String prometheusName) {
        this(name, scope, type, nutcracker, description, prometheusName, null);
    }

    /**
     * One of ours in the stats JSON's top level: the sum over pools of pool metric {@code totalOf} (a
     * constant's name), which the Prometheus endpoint has per pool, so this one is not exported there.
     */
    Metric(String name, Type type, String totalOf, String description) {
        this(name, Scope.TOP, type, false, description, null, totalOf);
    }

    private Metric(String name, Scope scope, Type type, boolean nutcracker, String description, String prometheusName,
                   String totalOf) {
        this.jsonName = name;
        this.scope = scope;
        this.type = type;
        this.nutcracker = nutcracker;
        this.description = description;
        this.prometheusName = prometheusName;
        this.totalOf = totalOf;
    }

    /** For a top-level total, the pool metric it sums over the pools; else null. */
    public Metric totalOf() {
        return totalOf == null ? null : valueOf(totalOf);
    }

    /** nutcracker's name: the JSON key and the {@code -D} label. */
    public String jsonName() {
        return jsonName;
    }

    public Scope scope() {
        return scope;
    }

    public Type type() {
        return type;
    }

    /** Whether nutcracker 0.5.0 has it (JSON and {@code -D}); otherwise it is one of ours. */
    public boolean nutcracker() {
        return nutcracker;
    }

    /** nutcracker's {@code -D} description (header fields, which {@code -D} does not list, have ours). */
    public String description() {
        return description;
    }

    /** The Prometheus family name (counters get {@code _total} on the wire); {@code null}: not exported. */
    public String prometheusName() {
        return prometheusName;
    }

    /** Index in the scope's per-loop {@code long[]}; -1 when not kept there. */
    int slot() {
        return SLOTS[ordinal()];
    }

    /** Number of per-loop {@code long} slots of a scope. */
    static int slots(Scope scope) {
        return SLOT_COUNT[scope.ordinal()];
    }

    /** The metrics of a scope, in table order. */
    public static List<Metric> of(Scope scope) {
        return BY_SCOPE.get(scope);
    }

    /**
     * {@code -D}: nutcracker's text ({@code stats_describe}) from this table, then our own metrics in
     * the same layout: the process-level ones (stats JSON and Prometheus), then the per-pool and
     * per-server ones (Prometheus only). The version block is the caller's.
     */
    public static String describe() {
        StringBuilder out = new StringBuilder();
        out.append("pool stats:\n");
        line(out, Scope.POOL, true);
        out.append("\nserver stats:\n");
        line(out, Scope.SERVER, true);
        out.append("\njnutcracker stats (stats JSON, after curr_connections, and Prometheus endpoint):\n");
        line(out, Scope.TOP, false);
        out.append("\njnutcracker stats (Prometheus endpoint only):\n");
        line(out, Scope.POOL, false);
        line(out, Scope.SERVER, false);
        return out.toString();
    }

    private static void line(StringBuilder out, Scope scope, boolean nutcracker) {
        for (Metric m : of(scope)) {
            if (m.nutcracker == nutcracker) {
                // nutcracker's "%-20s": the same for its names (all shorter), and a space after a longer one of ours
                out.append(String.format("  %-19s \"%s\"", m.jsonName, m.description)).append('\n');
            }
        }
    }
}
