package io.jnutcracker.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@code docs/commands.md} from the command table ({@code commands.tsv}), so the documented
 * command list is the table the proxy runs (a test fails when the file and the table disagree).
 */
public final class CommandsDoc {
    private CommandsDoc() {
    }

    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Commands\n\n")
                .append("Generated from the command table (`src/main/resources/io/jnutcracker/command/commands.tsv`) by\n")
                .append("`CommandsDoc`; do not edit by hand (`mvn test -Dtest=CommandsDocTest -Djn.regenerate=true`\n")
                .append("rewrites it). Arity, flags and key positions are Redis's own, recorded from redis-server by\n")
                .append("`tools/commands/record.py`; the route is the proxy's.\n\n")
                .append("\"arity\" is Redis's: N exactly N arguments with the name, -N at least N. \"keys\" are the\n")
                .append("arguments holding keys (from Redis's key specs). \"nutcracker\" says whether nutcracker 0.5.0\n")
                .append("serves the command; where it does not, it closes the client connection instead of replying.\n\n");
        Map<String, List<Command>> bySection = new TreeMap<>();
        for (Command c : CommandTable.all()) {
            bySection.computeIfAbsent(section(c), k -> new ArrayList<>()).add(c);
        }
        bySection.forEach((section, commands) -> {
            md.append("## ").append(section).append("\n\n");
            md.append("| command | arity | keys | reads | nutcracker |\n|---|---|---|---|---|\n");
            for (Command c : commands) {
                md.append("| ").append(c.name().replace("|", " ")).append(" | ").append(c.arity()).append(" | ")
                        .append(c.keyArg() > 0 ? "arg " + c.keyArg() : c.hasKeySpecs() ? "several" : "-")
                        .append(" | ").append(c.flags().contains("readonly") ? "yes" : "-").append(" | ")
                        .append(c.inNutcracker() && !c.name().equals("MOVE") ? "yes" : "closes").append(" |\n");
            }
            md.append('\n');
        });
        memcache(md);
        return md.toString();
    }

    /** The memcached pools' table ({@link McCommand}): every command is nutcracker 0.5.0's. */
    private static void memcache(StringBuilder md) {
        md.append("## memcached pools (no `redis: true`)\n\n")
                .append("Generated from `io.jnutcracker.command.McCommand`. Names are case-sensitive, as in memcached and\n")
                .append("nutcracker. Any other line gets memcached's `ERROR`, a key over 250 bytes or a bad length\n")
                .append("`CLIENT_ERROR bad command line format`, and the connection stays open (nutcracker closes it).\n\n")
                .append("| command | arguments | routing | nutcracker |\n|---|---|---|---|\n");
        for (McCommand c : McCommand.values()) {
            String routing = switch (c.routing()) {
                case SPLIT_VALUES -> "one key: forwarded; several: split by server, merged with one END";
                case PLACEHOLDER -> "forwarded to the server owning \"placeholder\"";
                case LOCAL -> "answered by the proxy: closes after the replies owed";
                default -> "forwarded to the server owning the key";
            };
            md.append("| ").append(c.wireName()).append(" | ").append(c.shape().usage()).append(" | ")
                    .append(routing).append(" | yes |\n");
        }
        md.append('\n');
    }

    private static String section(Command c) {
        return switch (c.routing()) {
            case KEYS -> "1. Placed by its keys: forwarded whole to the server holding every key, "
                    + "-CROSSSLOT when they span servers";
            case SPLIT_VALUES, SPLIT_KEYS, SPLIT_PAIRS -> "2. Split by server and merged";
            case PLACEHOLDER -> "3. Keyless, forwarded to the server owning \"placeholder\"";
            case ALL_SUM, ALL_SAME, ALL_AND, INFO -> "4. Sent to every server of the pool, one merged reply";
            case LOCAL -> "5. Answered by the proxy";
            case DEDICATED -> dedicated(Stateful.of(c)) + " (a server connection of the client's own: at most"
                    + " jn_dedicated_connections per pool, default "
                    + io.jnutcracker.config.DedicatedLimit.DEFAULT.connections() + ")";
            case UNSUPPORTED -> "6. Refused with -ERR: " + c.unsupported().reason();
        };
    }

    private static String dedicated(Stateful s) {
        return switch (s.kind()) {
            case BLOCKING -> "7. Blocking: every key on one server (else -CROSSSLOT), held until the reply;"
                    + " the pool timeout does not apply";
            case WATCH, UNWATCH, MULTI, EXEC, DISCARD -> "8. Transaction: pinned to the server of the first key;"
                    + " a key on another server inside MULTI gets -CROSSSLOT and EXEC -EXECABORT";
            case SUBSCRIBE -> "9. Pub/Sub: each channel on the server its name hashes to (PUBLISH is placed"
                    + " the same way), patterns on every server; RESP2 only";
        };
    }
}
