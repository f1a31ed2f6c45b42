/**
 * Reading {@code nutcracker.yml}: the replacement for twemproxy 0.5.0's {@code src/nc_conf.c}.
 *
 * <p>Any file nutcracker 0.5.0 accepts loads here with the same values; any file it refuses is
 * refused with the same message (its log wording, without the {@code conf: } prefix), found by the
 * same stages in the same order, so a file with several faults fails on the same one. What nutcracker
 * never prints, {@link io.jnutcracker.config.ConfigException} adds: the file, the line and the key.
 *
 * <pre>
 *  file ──YamlInput──► text             conf_open           failed to open configuration '…': …
 *        (UTF-8/16 like libyaml's reader)                   failed (err 2) …  (bad bytes)
 *  text ──YamlStream──► events + tokens conf_validate_document
 *        (snakeyaml-engine low-level API;                   failed (err 2|3|4|5) to get the next yaml document
 *         LibyamlTabs, LibyamlLoadCheck bring              '…' must contain only 1 document; found N documents
 *         its verdicts in line with libyaml 0.2.5)
 *       ──TokenCheck──►                  conf_validate_tokens   &lt;kind&gt; token (N) is disallowed
 *       ──StructureCheck──►              conf_validate_structure  depth, sequence, "key:" rules
 *       ──ConfParser + Directive──► PoolDraft*   conf_parse + conf_commands[]
 *                                                directive "k" is unknown | is a duplicate | &lt;reason&gt;
 *       ──PoolValidator──► ProxyConfig   conf_validate_pool, conf_post_validate
 *                                        listen missing, server_connections 0, redis_auth without redis,
 *                                        duplicate server names / listens / pool names; sorting
 * </pre>
 *
 * <p>The rules matched, each checked against the real binary (see {@code REFERENCE.md} §1):
 * <ul>
 *   <li>exactly one YAML document; no directives, {@code ---}/{@code ...}, flow collections,
 *       anchors, aliases or tags; a mapping of pools, each a mapping of scalars with exactly one
 *       sequence (of scalars); depth at most 2; any empty scalar fails (0.5.0 says nothing; we do);</li>
 *   <li>keys and {@code true}/{@code false} are case-sensitive; quoting does not matter;</li>
 *   <li>numbers are ASCII digits with C {@code int} wrap-around, negative meaning invalid
 *       ({@code NcNumbers.atoi});</li>
 *   <li>{@code listen} is {@code host:port} split at the last ':' and resolved now, or
 *       {@code /path [octal perm]} read with {@code strtol}; servers are parsed from the right and named
 *       {@code host:port}, {@code host} (port 11211) or {@code /path:}, and never resolved here;</li>
 *   <li>servers and pools are sorted by {@code string_compare} (length, then bytes), stably.</li>
 * </ul>
 *
 * <p>jnutcracker's own pool keys ({@code jn_*}, the extension section of {@link
 * io.jnutcracker.config.Directive}) are parsed by the same rules and land in
 * {@link io.jnutcracker.config.PoolExtensions}; a file without them loads exactly as in nutcracker.
 *
 * <p>Everything here is a pure function of the file (and of the resolver for listen hosts): no static
 * mutable state, and the results are immutable records.
 */
package io.jnutcracker.config;
