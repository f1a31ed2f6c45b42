package io.jnutcracker.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;

/**
 * nutcracker's {@code conf_parse}: walks the events of a file that passed {@link StructureCheck},
 * keeping the same stack of scalars ({@code cf->arg}) and calling the directive handler at the same
 * moments, so the first bad directive in file order is the one reported. A depth-1 scalar opens a
 * pool; a depth-2 key plus its scalar value, or each entry of the pool's one sequence (whatever its
 * key), goes to {@link Directive#apply}.
 */
final class ConfParser {
    /** A scalar and the line it starts on. */
    private record Arg(String value, int line) {
    }

    private final Path file;
    private final List<Arg> args = new ArrayList<>();
    private final List<PoolDraft> pools = new ArrayList<>();
    private PoolDraft pool;
    private int depth;
    private boolean seq;
    /** Servers named so far, over every pool (see {@link ConfigLimits#MAX_SERVERS}). */
    private int servers;

    private ConfParser(Path file) {
        this.file = file;
    }

    /** The pools in file order, duplicates included (they are caught later, as in nutcracker). */
    static List<PoolDraft> parse(Path file, Iterable<Event> events) throws ConfigException {
        ConfParser p = new ConfParser(file);
        for (Event e : events) {
            p.accept(e);
        }
        return p.pools;
    }

    private void accept(Event e) throws ConfigException {
        switch (e.getEventId()) {
            case MappingStart -> depth++;
            case MappingEnd -> {
                depth--;
                if (depth == 1) {
                    pop(); // the pool name
                }
            }
            case SequenceStart -> seq = true;
            case SequenceEnd -> {
                pop(); // the sequence's key
                seq = false;
            }
            case Scalar -> scalar(((ScalarEvent) e).getValue(), YamlStream.line(e.getStartMark()));
            default -> {
                // stream and document events carry nothing
            }
        }
    }

    private void scalar(String value, int line) throws ConfigException {
        if (value.isEmpty()) {
            throw empty(line);
        }
        args.add(new Arg(value, line));
        if (seq) {
            handle(args.get(args.size() - 2), args.get(args.size() - 1), line);
            pop();
        } else if (depth == 1) {
            pool = new PoolDraft(value, line);
            pools.add(pool);
        } else if (args.size() == depth + 1) {
            Arg key = args.get(args.size() - 2);
            handle(key, args.get(args.size() - 1), key.line());
            pop();
            pop();
        }
    }

    /** {@code conf_handler}: find the directive by exact name and let it parse the value. */
    private void handle(Arg key, Arg value, int line) throws ConfigException {
        Directive d = Directive.byKey(key.value()).orElseThrow(() ->
                new ConfigException(file, key.line(), key.value(), "directive \"" + key.value() + "\" is unknown"));
        if (d == Directive.SERVERS) {
            ConfigLimits.checkServers(file, line, ++servers);
        }
        try {
            d.apply(pool, value.value(), line);
        } catch (InvalidValue iv) {
            ConfigException ce = new ConfigException(file, line, key.value(),
                    "directive \"" + key.value() + "\" " + iv.reason());
            if (iv.getCause() != null) {
                ce.initCause(iv.getCause());
            }
            throw ce;
        }
    }

    /**
     * nutcracker 0.5.0 fails on any empty scalar ({@code hash:}, {@code ""}, a bare {@code -}) while
     * parsing, without logging anything ([run]); this says what and where.
     */
    private ConfigException empty(int line) {
        if (depth == 1) {
            return new ConfigException(file, line, null, "'" + file + "' has an empty pool name");
        } else if (!seq && args.size() == 1) {
            return new ConfigException(file, line, null,
                    "pool '" + pool.name() + "' has an empty directive name");
        }
        Arg key = args.get(args.size() - 1);
        return new ConfigException(file, seq ? line : key.line(), key.value(),
                "directive \"" + key.value() + "\" has an empty value");
    }

    private void pop() {
        args.remove(args.size() - 1);
    }
}
