package io.jnutcracker.config;

import java.nio.file.Path;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;

/**
 * nutcracker's {@code conf_validate_structure}, replayed on the events with the same counters, so
 * the same first problem is found with the same message:
 *
 * <pre>
 * pool:                  depth 1: one scalar key per pool, whose value is a mapping
 *   key: value           depth 2: scalar keys with scalar values ...
 *   servers:             ... and exactly one sequence, of scalars
 *    - host:port:weight
 * </pre>
 *
 * On top of nutcracker, each failure names the line (and key) it concerns.
 */
final class StructureCheck {
    private static final int ROOT_DEPTH = 1;
    private static final int MAX_DEPTH = 2;

    private final Path file;
    private final String quotedFile;
    private final int[] count = new int[MAX_DEPTH + 1];
    private int depth;
    private boolean seq; // nutcracker's flag: this pool has had its sequence (reset per pool)
    private boolean inSequence; // ours: between a sequence's start and end, to track keys
    private int poolLine;
    private String key; // the depth-2 key whose value comes next, or the current sequence's key
    private int keyLine;

    private StructureCheck(Path file) {
        this.file = file;
        this.quotedFile = "'" + file + "'";
    }

    static void check(Path file, Iterable<Event> events) throws ConfigException {
        StructureCheck c = new StructureCheck(file);
        for (Event e : events) {
            c.accept(e, YamlStream.line(e.getStartMark()));
        }
    }

    private void accept(Event e, int line) throws ConfigException {
        switch (e.getEventId()) {
            case MappingStart -> {
                if (depth == ROOT_DEPTH && count[depth] != 1) {
                    throw fail(line, null, "has more than one \"key:value\" at depth " + depth);
                } else if (depth >= MAX_DEPTH) {
                    boolean valueOfKey = !inSequence && count[depth] == 1;
                    throw fail(valueOfKey ? keyLine : line, key, "has a depth greater than " + MAX_DEPTH);
                }
                depth++;
            }
            case MappingEnd -> {
                if (depth == MAX_DEPTH) {
                    if (!seq) {
                        throw fail(poolLine, Directive.SERVERS.key(),
                                "missing sequence directive at depth " + depth);
                    }
                    seq = false;
                }
                depth--;
                count[depth] = 0;
            }
            case SequenceStart -> {
                if (seq) {
                    throw fail(keyLine, key, "has more than one sequence directive");
                } else if (depth != MAX_DEPTH) {
                    throw fail(line, null, "has sequence at depth " + depth + " instead of " + MAX_DEPTH);
                } else if (count[depth] != 1) {
                    throw fail(line, null, "has invalid \"key:value\" at depth " + depth);
                }
                seq = true;
                inSequence = true;
            }
            case SequenceEnd -> {
                count[depth] = 0;
                inSequence = false;
            }
            case Scalar -> scalar(((ScalarEvent) e).getValue(), line);
            default -> {
                // stream and document events; aliases were refused by TokenCheck
            }
        }
    }

    private void scalar(String value, int line) throws ConfigException {
        if (depth == 0) {
            throw fail(line, null, "has invalid empty \"key:\" at depth " + depth);
        } else if (depth == ROOT_DEPTH && count[depth] != 0) {
            throw fail(line, null, "has invalid mapping \"key:\" at depth " + depth);
        } else if (depth == MAX_DEPTH && count[depth] == 2) {
            count[depth] = 0; // a "key: value" pair is complete
        }
        count[depth]++;
        if (depth == ROOT_DEPTH) {
            poolLine = line;
        } else if (!inSequence && count[depth] == 1) {
            key = value;
            keyLine = line;
        }
    }

    private ConfigException fail(int line, String key, String what) {
        return new ConfigException(file, line, key, quotedFile + " " + what);
    }
}
