package io.jnutcracker.stats;

import io.jnutcracker.Version;

/**
 * The document nutcracker 0.5.0's stats port sends ({@code stats_make_rsp}), byte for byte: the
 * header fields, then each pool's metrics and servers, in {@link Metric} table order and
 * nutcracker's spacing ({@code "k":v, } between entries, {@code "pool": {} for nested objects, no
 * space after a closing brace), ending with a newline. Only {@link Metric#nutcracker()} metrics
 * appear in pools and servers.
 *
 * <p>Differences: our process-level metrics (the table's jnutcracker-only {@link Metric.Scope#TOP}
 * ones: {@code reloads}, {@code topology_checks}, ...) follow nutcracker's header fields as
 * top-level numbers and strings, before the pools; and names are JSON-escaped. nutcracker writes
 * them raw, which only matters for a name with a quote, backslash or control character, where its
 * output is not valid JSON.
 */
public final class StatsJson {
    /** nutcracker's {@code service} field: scripts and dashboards look for it. */
    public static final String SERVICE = "nutcracker";

    private StatsJson() {
    }

    /**
     * @param source the host name ({@code gethostname})
     * @param uptimeSeconds since the proxy started
     * @param timestampSeconds the Unix time of this request
     */
    public static String render(Snapshot snapshot, String source, long uptimeSeconds, long timestampSeconds) {
        StringBuilder out = new StringBuilder(512 + snapshot.pools().size() * 1024);
        out.append('{');
        boolean first = true;
        for (Metric m : Metric.of(Metric.Scope.TOP)) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            key(out, m.jsonName());
            switch (m) {
                case SERVICE -> string(out, SERVICE);
                case SOURCE -> string(out, source);
                case VERSION -> string(out, Version.NUTCRACKER);
                case UPTIME -> out.append(uptimeSeconds);
                case TIMESTAMP -> out.append(timestampSeconds);
                default -> {
                    if (m.type() == Metric.Type.ERROR_TEXT) {
                        string(out, snapshot.text(m));
                    } else {
                        out.append(snapshot.get(m));
                    }
                }
            }
        }
        for (Snapshot.Pool pool : snapshot.pools()) {
            separator(out);
            key(out, pool.name());
            out.append(" {");
            values(out, Metric.Scope.POOL, pool.values());
            for (Snapshot.Server server : pool.servers()) {
                separator(out);
                key(out, server.name());
                out.append(" {");
                values(out, Metric.Scope.SERVER, server.values());
                out.append('}');
            }
            out.append('}');
        }
        out.append("}\n");
        return out.toString();
    }

    private static void values(StringBuilder out, Metric.Scope scope, long[] values) {
        boolean first = true;
        for (Metric m : Metric.of(scope)) {
            if (!m.nutcracker()) {
                continue;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            key(out, m.jsonName());
            out.append(values[m.slot()]);
        }
    }

    /** {@code ", "}, except right after a closing brace, where nutcracker writes {@code ","} alone. */
    private static void separator(StringBuilder out) {
        out.append(out.charAt(out.length() - 1) == '}' ? "," : ", ");
    }

    private static void key(StringBuilder out, String name) {
        string(out, name);
        out.append(':');
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
