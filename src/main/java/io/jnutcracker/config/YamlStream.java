package io.jnutcracker.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.ScannerException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * A file's YAML events and tokens (snakeyaml-engine's low-level API, which keeps line marks), once
 * the file has passed nutcracker's {@code conf_validate_document}: well-formed to libyaml, else
 * {@code failed (err N) to get the next yaml document}, and exactly one document.
 *
 * @param events every parse event, in file order
 * @param tokens every scanner token, in file order (for {@link TokenCheck})
 */
record YamlStream(List<Event> events, List<Token> tokens) {

    YamlStream {
        events = List.copyOf(events);
        tokens = List.copyOf(tokens);
    }

    static YamlStream parse(Path file, String source) throws ConfigException {
        StringBuilder text = new StringBuilder(source);
        List<Event> events = events(file, text);
        List<Token> tokens = tokens(file, text.toString());
        LibyamlLoadCheck.check(file, events, tokens);
        countDocuments(file, events);
        return new YamlStream(events, tokens);
    }

    /**
     * Parses, turning tabs libyaml would skip into spaces as snakeyaml trips over them
     * ({@link LibyamlTabs}). A failed parse still has its events so far checked for alias and anchor
     * faults, which libyaml's composer meets before the parser's later syntax error.
     */
    private static List<Event> events(Path file, StringBuilder text) throws ConfigException {
        while (true) {
            List<Event> events = new ArrayList<>();
            try {
                new Parse(settings(file)).parseString(text.toString()).forEach(events::add);
                return events;
            } catch (YamlEngineException e) {
                LibyamlLoadCheck.checkAnchors(file, events);
                int at = e instanceof ScannerException se
                        ? se.getProblemMark().map(m -> offset(text, m)).orElse(-1) : -1;
                int run = LibyamlTabs.separatorRun(text, at);
                if (run < 0) {
                    throw yamlError(file, text, e);
                }
                LibyamlTabs.blankOut(text, run); // each round removes a tab, so this ends
            }
        }
    }

    private static List<Token> tokens(Path file, String text) throws ConfigException {
        LoadSettings settings = settings(file);
        ScannerImpl scanner = new ScannerImpl(settings, new StreamReader(settings, text));
        List<Token> tokens = new ArrayList<>();
        try {
            scanner.forEachRemaining(tokens::add);
        } catch (YamlEngineException e) {
            throw yamlError(file, text, e); // not expected: the parser has read the same tokens
        }
        return tokens;
    }

    private static void countDocuments(Path file, List<Event> events) throws ConfigException {
        List<Event> starts = events.stream().filter(e -> e instanceof DocumentStartEvent).toList();
        if (starts.size() != 1) {
            int line = starts.size() > 1 ? line(starts.get(1).getStartMark()) : 0;
            throw new ConfigException(file, line, null, "'" + file + "' must contain only 1 document; found "
                    + starts.size() + " documents");
        }
    }

    private static LoadSettings settings(Path file) {
        return LoadSettings.builder()
                .setLabel(file.toString())
                .setCodePointLimit(Integer.MAX_VALUE) // libyaml has no size limit
                .setVersionFunction(v -> v) // judged by LibyamlLoadCheck, as libyaml does
                .build();
    }

    private static ConfigException yamlError(Path file, CharSequence text, YamlEngineException e) {
        int line = 0;
        if (e instanceof MarkedYamlEngineException m) {
            line = line(m.getProblemMark().or(m::getContextMark));
        } else if (e instanceof ReaderException r) {
            line = lineAt(text, offset(text, r.getPosition()));
        }
        return LibyamlError.of(e).exception(file, line, e);
    }

    /** 1-based line of a mark, 0 when there is none. */
    static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    /** Char offset in {@code text} of a mark, whose index counts code points; -1 if out of range. */
    static int offset(CharSequence text, Mark mark) {
        return offset(text, mark.getIndex());
    }

    private static int offset(CharSequence text, int codePoints) {
        try {
            return Character.offsetByCodePoints(text, 0, codePoints);
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** 1-based line of char offset {@code at}, 0 when unknown. */
    private static int lineAt(CharSequence text, int at) {
        if (at < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
