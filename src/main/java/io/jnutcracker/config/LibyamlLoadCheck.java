package io.jnutcracker.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.tokens.DirectiveToken;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * What libyaml 0.2.5 refuses while loading a document ({@code yaml_parser_load}) but snakeyaml-engine
 * lets through, so that such files fail in nutcracker's first stage with libyaml's error class.
 */
final class LibyamlLoadCheck {
    private LibyamlLoadCheck() {
    }

    static void check(Path file, List<Event> events, List<Token> tokens) throws ConfigException {
        for (Token t : tokens) {
            if (t instanceof DirectiveToken<?> d && !DirectiveToken.YAML_DIRECTIVE.equals(d.getName())
                    && !DirectiveToken.TAG_DIRECTIVE.equals(d.getName())) {
                // libyaml: "found unknown directive name"; snakeyaml ignores reserved directives
                throw LibyamlError.SCANNER.exception(file, YamlStream.line(t.getStartMark()), null);
            }
        }
        for (Event e : events) {
            if (e instanceof DocumentStartEvent d && !d.getSpecVersion()
                    .map(v -> v.getMajor() == 1 && (v.getMinor() == 1 || v.getMinor() == 2)).orElse(true)) {
                // libyaml: "found incompatible YAML document"; snakeyaml only warns on %YAML 1.3
                throw LibyamlError.PARSER.exception(file, YamlStream.line(e.getStartMark()), null);
            }
        }
        checkAnchors(file, events);
    }

    /**
     * libyaml's composer: an alias must name an anchor seen earlier in its document, and an anchor is
     * defined only once per document. Also run on the events read before a syntax error, because
     * libyaml composes as it parses and so reports these first.
     */
    static void checkAnchors(Path file, List<Event> events) throws ConfigException {
        Set<String> anchors = new HashSet<>();
        for (Event e : events) {
            if (e instanceof DocumentStartEvent) {
                anchors.clear();
            } else if (e instanceof AliasEvent a) {
                if (!anchors.contains(a.getAlias().getValue())) {
                    throw LibyamlError.COMPOSER.exception(file, YamlStream.line(e.getStartMark()), null);
                }
            } else if (e instanceof NodeEvent n && n.getAnchor().isPresent()) {
                if (!anchors.add(n.getAnchor().map(Anchor::getValue).orElseThrow())) {
                    throw LibyamlError.COMPOSER.exception(file, YamlStream.line(e.getStartMark()), null);
                }
            }
        }
    }
}
