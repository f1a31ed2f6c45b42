package io.jnutcracker.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A pool while its file is being read: nutcracker's {@code conf_pool} before
 * {@code conf_validate_pool}, with "unset" meaning absent from the map. Remembers the line of every key
 * so that later checks can point at it. Mutable, and confined to one {@link ConfigLoader#load} call.
 */
final class PoolDraft {
    private final String name;
    private final int line;
    private final Map<Directive, Object> values = new EnumMap<>(Directive.class);
    private final Map<Directive, Integer> lines = new EnumMap<>(Directive.class);
    private final List<ServerConfig> servers = new ArrayList<>();

    PoolDraft(String name, int line) {
        this.name = name;
        this.line = line;
    }

    String name() {
        return name;
    }

    /** Line of the pool's name. */
    int line() {
        return line;
    }

    boolean has(Directive d) {
        return values.containsKey(d);
    }

    void set(Directive d, Object value, int keyLine) {
        if (d == Directive.SERVERS) {
            servers.add((ServerConfig) value);
        } else {
            values.put(d, value);
        }
        lines.put(d, keyLine);
    }

    /** The value given, else the directive's default (possibly {@code null}). */
    @SuppressWarnings("unchecked")
    <T> T get(Directive d) {
        return (T) values.getOrDefault(d, d.defaultValue());
    }

    /** Line where {@code d} was (last) given, else the pool's own line. */
    int lineOf(Directive d) {
        return lines.getOrDefault(d, line);
    }

    /** Servers in file order. */
    List<ServerConfig> servers() {
        return servers;
    }
}
