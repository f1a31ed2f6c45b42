package io.jnutcracker.command;

import io.jnutcracker.resp.Request;
import io.netty.buffer.ByteBuf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command table, read once from {@code commands.tsv} (recorded from a real redis-server by
 * {@code tools/commands/record.py}; the proxy's columns beside Redis's), and case-insensitive,
 * allocation-free lookup of a {@link Command} from the name bytes of a request (nutcracker matches
 * names with {@code str*icmp} ladders in {@code redis_parse_req}; this is one open-addressing table).
 */
public final class CommandTable {
    static final String RESOURCE = "commands.tsv";
    private static final List<Command> ALL = load();
    private static final Map<String, Command> BY_NAME = byName();
    private static final int LONGEST = longestName();
    private static final Command[] SLOTS = buildSlots();
    private static final int COMMANDS = (int) ALL.stream().filter(c -> c.name().equals(c.group())).count();

    private CommandTable() {
    }

    /** Every row, top-level commands and subcommands, in the file's (alphabetical) order. */
    public static List<Command> all() {
        return ALL;
    }

    /** How many top-level commands the table has (COMMAND COUNT). */
    public static int commandCount() {
        return COMMANDS;
    }

    /** The row named {@code name} ({@code GET}, {@code OBJECT|ENCODING}, any case), or {@code null}. */
    public static Command byName(String name) {
        return BY_NAME.get(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** The row for {@code request}: its command, or the subcommand argument 1 names; {@code null} if unknown. */
    public static Command lookup(Request request) {
        Command command = lookup(request.frame(), request.argOffset(0), request.argLength(0));
        if (command != null && command.hasSubcommands() && request.argc() > 1) {
            Command sub = command.subcommand(request);
            return sub == null ? command : sub;
        }
        return command;
    }

    /** The command named by {@code length} bytes at absolute {@code index}, or {@code null}. */
    public static Command lookup(ByteBuf buf, int index, int length) {
        if (length == 0 || length > LONGEST) {
            return null;
        }
        int mask = SLOTS.length - 1;
        for (int slot = hash(buf, index, length) & mask; ; slot = (slot + 1) & mask) {
            Command candidate = SLOTS[slot];
            if (candidate == null) {
                return null;
            }
            if (matches(candidate.upperName(), buf, index, length)) {
                return candidate;
            }
        }
    }

    private static boolean matches(byte[] upper, ByteBuf buf, int index, int length) {
        if (upper.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (upper[i] != toUpper(buf.getByte(index + i))) {
                return false;
            }
        }
        return true;
    }

    private static byte toUpper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }

    private static int hash(ByteBuf buf, int index, int length) {
        int h = length;
        for (int i = 0; i < length; i++) {
            h = 31 * h + toUpper(buf.getByte(index + i));
        }
        return h ^ (h >>> 16);
    }

    private static int hash(byte[] upper) {
        int h = upper.length;
        for (byte b : upper) {
            h = 31 * h + b;
        }
        return h ^ (h >>> 16);
    }

    private static Command[] buildSlots() {
        // Load factor under 0.25 keeps probes short.
        Command[] slots = new Command[Integer.highestOneBit(ALL.size() * 4) * 2];
        int mask = slots.length - 1;
        for (Command c : ALL) {
            if (!c.name().equals(c.group())) {
                continue; // subcommands are found through their command
            }
            int slot = hash(c.upperName()) & mask;
            while (slots[slot] != null) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = c;
        }
        return slots;
    }

    private static int longestName() {
        int longest = 0;
        for (Command c : ALL) {
            longest = Math.max(longest, c.group().length());
        }
        return longest;
    }

    /**
     * Reads the table: tab-separated {@code name arity flags keyspecs route nutcracker}, {@code #}
     * comments; a few hundred short lines, split by hand (no regular expressions) to keep start-up cheap.
     */
    private static List<Command> load() {
        List<Command> rows = new ArrayList<>();
        Map<String, Command> groups = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CommandTable.class.getResourceAsStream(RESOURCE), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                Command c = row(rows.size(), line.split("\t", -1));
                rows.add(c);
                if (c.name().equals(c.group())) {
                    groups.put(c.group(), c);
                } else {
                    groups.get(c.group()).addSubcommand(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rows);
    }

    /** The route column of a command placed by its channel argument, as if it were a key (PUBLISH). */
    static final String CHANNEL_ROUTE = "key:channel";

    private static Command row(int ordinal, String[] cols) {
        if (cols.length != 6) {
            throw new IllegalStateException(RESOURCE + ": expected 6 columns in row of " + cols[0]);
        }
        Set<String> flags = cols[2].equals("-") ? Set.of() : Set.of(cols[2].split(","));
        KeySpec[] specs;
        if (cols[3].equals("-")) {
            specs = new KeySpec[0];
        } else {
            String[] texts = cols[3].split(" ");
            specs = new KeySpec[texts.length];
            for (int i = 0; i < texts.length; i++) {
                specs[i] = KeySpec.parse(texts[i]);
            }
        }
        if (cols[4].equals(CHANNEL_ROUTE) && specs.length == 0) {
            // PUBLISH: Redis gives its channel no key spec; the proxy places it by the channel as a key
            // so a message published through any proxy reaches the server its subscribers are on.
            specs = new KeySpec[] {KeySpec.parse("i1/r0:1:0/not_key")};
        }
        Routing routing = Routing.ofColumn(cols[4]);
        Unsupported why = routing == Routing.UNSUPPORTED ? Unsupported.valueOf(cols[4].substring(cols[4].indexOf(':') + 1))
                : null;
        return new Command(ordinal, cols[0], Integer.parseInt(cols[1]), flags, specs, routing, why, cols[5].equals("yes"));
    }

    private static Map<String, Command> byName() {
        Map<String, Command> map = new HashMap<>();
        for (Command c : ALL) {
            map.put(c.name(), c);
        }
        return Map.copyOf(map);
    }
}
