package io.jnutcracker.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@code docs/commands.md} from {@link Command}, so the documented command list is the table
 * the proxy runs (a test fails when the file and the table disagree).
 */
public final class CommandsDoc {
    private CommandsDoc() {
    }

    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Commands\n\n")
                .append("Generated from `io.jnutcracker.command.Command` by `CommandsDoc`; do not edit by hand\n")
                .append("(`mvn test -Dtest=CommandsDocTest -Djn.regenerate=true` rewrites it).\n\n")
                .append("\"nutcracker\" says whether nutcracker 0.5.0 serves the command; where it does not, it closes\n")
                .append("the client connection instead of replying.\n\n");
        Map<String, List<Command>> byRouting = new TreeMap<>();
        for (Command c : Command.values()) {
            byRouting.computeIfAbsent(section(c), k -> new ArrayList<>()).add(c);
        }
        byRouting.forEach((section, commands) -> {
            md.append("## ").append(section).append("\n\n");
            md.append("| command | arguments | nutcracker |\n|---|---|---|\n");
            for (Command c : commands) {
                md.append("| ").append(c.name()).append(" | ").append(arity(c)).append(" | ")
                        .append(c.inNutcracker() ? (c == Command.MOVE ? "closes" : "yes") : "closes").append(" |\n");
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
            case FIRST_KEY -> "1. Forwarded to the server owning the first key";
            case SPLIT_VALUES, SPLIT_KEYS, SPLIT_PAIRS -> "2. Split by server and merged";
            case PLACEHOLDER -> "3. Keyless, forwarded to the server owning \"placeholder\"";
            case LOCAL -> "4. Answered by the proxy";
            case UNSUPPORTED -> "5. Refused with -ERR: " + c.unsupported().reason();
        };
    }

    private static String arity(Command c) {
        if (c.routing() == Routing.UNSUPPORTED) {
            return "-";
        }
        return switch (c.arity()) {
            case NONE -> "none";
            case KEY -> "key";
            case KEY_1 -> "key arg";
            case KEY_2 -> "key arg arg";
            case KEY_3 -> "key arg arg arg";
            case KEY_N -> "key [arg ...]";
            case MULTI_KEY -> "key [key ...]";
            case KEY_VALUES -> "key value [key value ...]";
            case EVAL_KEYS -> "script numkeys(>=1) key [key ...] [arg ...]";
            case ANY -> "[arg ...]";
            case ONE_OR_MORE -> "arg [arg ...]";
        };
    }
}
