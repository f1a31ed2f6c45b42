package io.jnutcracker.config;

import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
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
 * <p>Like nutcracker, which rereads the file for each stage, every stage gets a fresh pass over the
 * text ({@link #events()}, {@link #tokens()}) instead of a list of everything: the heap a load takes
 * is then the text and one parser's buffers, not every token of a file that may be 16 MiB of them.
 */
final class YamlStream {
    private final String label;
    private final String text;

    private YamlStream(String label, String text) {
        this.label = label;
        this.text = text;
    }

    static YamlStream parse(Path file, String source) throws ConfigException {
        ConfigLimits.checkLines(file, source); // before parsing: names the line at once
        StringBuilder text = new StringBuilder(source);
        LibyamlLoadCheck load = validate(file, text);
        YamlStream yaml = new YamlStream(file.toString(), text.toString());
        for (Token t : yaml.tokens()) {
            LibyamlLoadCheck.checkDirective(file, t);
        }
        load.finish();
        return yaml;
    }

    /** Every parse event, in file order, from a new pass over the (valid) text. */
    Iterable<Event> events() {
        return () -> new Parse(settings(label, text.length())).parseString(text).iterator();
    }

    /** Every scanner token, in file order, from a new pass over the (valid) text. */
    Iterable<Token> tokens() {
        LoadSettings settings = settings(label, text.length());
        return () -> new ScannerImpl(settings, new StreamReader(settings, text));
    }

    /**
     * Parses, turning tabs libyaml would skip into spaces as snakeyaml trips over them
     * ({@link LibyamlTabs}). A failed parse still has its events so far checked for alias and anchor
     * faults, which libyaml's composer meets before the parser's later syntax error.
     */
    private static LibyamlLoadCheck validate(Path file, StringBuilder text) throws ConfigException {
        while (true) {
            LibyamlLoadCheck load = new LibyamlLoadCheck(file);
            try {
                for (Event e : new Parse(settings(file.toString(), text.length())).parseString(text.toString())) {
                    load.accept(e);
                }
                return load;
            } catch (YamlEngineException e) {
                load.throwAnchorFault();
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

    /**
     * snakeyaml-engine's read buffer, in chars. Its {@code StreamReader} copies everything not yet
     * consumed each time it reads a buffer more, and a scalar or comment is consumed only once scanned
     * to the end of its line, so with the default 1 KiB a long line cost time quadratic in its length
     * (a 4 MiB scalar: 26 s, 100 MiB: hours). With 64 KiB and lines capped at
     * {@link ConfigLimits#MAX_SCALAR_CHARS}, each read copies at most 1 MiB + 64 KiB code points, at
     * most once per 64 KiB read: linear, a 16 MiB file of 1 MiB lines costs 1 GB of copying at worst
     * (about 0.2 s), and the window stays under 5 MB, where reading the whole text at once would
     * take 6 bytes per char (96 MB at the file limit).
     */
    static final int READ_BUFFER_CHARS = 64 << 10;

    /** Settings for a text of {@code length} chars. */
    static LoadSettings settings(String label, int length) {
        return LoadSettings.builder()
                .setLabel(label)
                .setBufferSize(Math.min(length + 1, READ_BUFFER_CHARS)) // + 1: never 0
                .setCodePointLimit(Integer.MAX_VALUE) // ConfigLimits bounds the file instead
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
