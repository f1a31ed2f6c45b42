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
                md.append("| ").append(c.name()).append(" | ").append(arity(c).replace("|", "\\|")).append(" | ")
                        .append(c.inNutcracker() ? (c == Command.MOVE ? "closes" : "yes") : "closes").append(" |\n");
            }
            md.append('\n');
        });
        return md.toString();
    }

    private static String section(Command c) {
        return switch (c.routing()) {
            case FIRST_KEY -> "1. Forwarded to the server owning the first key";
            case SPLIT_VALUES, SPLIT_KEYS, SPLIT_PAIRS -> "2. Split by server and merged";
            case PLACEHOLDER -> "3. Keyless, forwarded to the server owning \"placeholder\"";
            case LOCAL -> "4. Answered by the proxy";
            case DEDICATED -> dedicated(Stateful.of(c)) + " (a server connection of the client's own: at most"
                    + " jn_dedicated_connections per pool, default "
                    + io.jnutcracker.config.DedicatedLimit.DEFAULT.connections() + ")";
            case UNSUPPORTED -> "5. Refused with -ERR: " + c.unsupported().reason();
        };
    }

    private static String dedicated(Stateful s) {
        return switch (s.kind()) {
            case BLOCKING -> "6. Blocking: every key on one server (else -CROSSSLOT), held until the reply;"
                    + " the pool timeout does not apply";
            case WATCH, UNWATCH, MULTI, EXEC, DISCARD -> "7. Transaction: pinned to the server of the first key;"
                    + " a key on another server inside MULTI gets -CROSSSLOT and EXEC -EXECABORT";
            case SUBSCRIBE -> "8. Pub/Sub: each channel on the server its name hashes to (PUBLISH is placed"
                    + " the same way), patterns on every server; RESP2 only";
        };
    }

    private static String arity(Command c) {
        if (c.routing() == Routing.UNSUPPORTED) {
            return "-";
        }
        if (c.routing() == Routing.DEDICATED) {
            Stateful s = Stateful.of(c);
            return s.syntax() + (s.timeout() == null ? "" : " (timeout: " + s.timeout() + ")");
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
