package io.jnutcracker.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.tokens.DirectiveToken;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * What libyaml 0.2.5 refuses while loading a document ({@code yaml_parser_load}) but snakeyaml-engine
 * lets through, so that such files fail in nutcracker's first stage with libyaml's error class; and
 * the document count. Fed the events of one pass as they come ({@link #accept}); the first fault of
 * each kind is kept, and thrown in libyaml's order by {@link #finish} once the tokens had their
 * {@link #checkDirective} pass.
 */
final class LibyamlLoadCheck {
    private final Path file;
    private final Set<String> anchors = new HashSet<>(); // of the current document
    private ConfigException anchorFault;
    private ConfigException versionFault;
    private int documents;
    private int secondDocumentLine;

    LibyamlLoadCheck(Path file) {
        this.file = file;
    }

    /** libyaml: "found unknown directive name"; snakeyaml ignores reserved directives. */
    static void checkDirective(Path file, Token t) throws ConfigException {
        if (t instanceof DirectiveToken<?> d && !DirectiveToken.YAML_DIRECTIVE.equals(d.getName())
                && !DirectiveToken.TAG_DIRECTIVE.equals(d.getName())) {
            throw LibyamlError.SCANNER.exception(file, YamlStream.line(t.getStartMark()), null);
        }
    }

    /**
     * One event, in file order. A scalar over {@link ConfigLimits#MAX_SCALAR_CHARS} fails at once.
     * libyaml's composer: an alias must name an anchor seen earlier in its document, and an anchor is
     * defined only once per document; kept, as libyaml composes as it parses and so reports these
     * before a later syntax error.
     */
    void accept(Event e) throws ConfigException {
        int line = YamlStream.line(e.getStartMark());
        if (e instanceof ScalarEvent s) {
            ConfigLimits.checkScalar(file, line, s.getValue().length());
        }
        if (e instanceof DocumentStartEvent d) {
            anchors.clear();
            documents++;
            if (documents == 2) {
                secondDocumentLine = line;
            }
            if (versionFault == null && !d.getSpecVersion()
                    .map(v -> v.getMajor() == 1 && (v.getMinor() == 1 || v.getMinor() == 2)).orElse(true)) {
                // libyaml: "found incompatible YAML document"; snakeyaml only warns on %YAML 1.3
                versionFault = LibyamlError.PARSER.exception(file, line, null);
            }
        } else if (anchorFault != null) {
            return;
        } else if (e instanceof AliasEvent a) {
            if (!anchors.contains(a.getAlias().getValue())) {
                anchorFault = LibyamlError.COMPOSER.exception(file, line, null);
            }
        } else if (e instanceof NodeEvent n && n.getAnchor().isPresent()) {
            if (!anchors.add(n.getAnchor().map(Anchor::getValue).orElseThrow())) {
                anchorFault = LibyamlError.COMPOSER.exception(file, line, null);
            }
        }
    }

    /** After a syntax error: the composer's fault met before it, if any. */
    void throwAnchorFault() throws ConfigException {
        if (anchorFault != null) {
            throw anchorFault;
        }
    }

    /** After a clean parse: libyaml's faults in its order, then exactly one document. */
    void finish() throws ConfigException {
        if (versionFault != null) {
            throw versionFault;
        }
        throwAnchorFault();
        if (documents != 1) {
            throw new ConfigException(file, documents > 1 ? secondDocumentLine : 0, null,
                    "'" + file + "' must contain only 1 document; found " + documents + " documents");
        }
    }
}
