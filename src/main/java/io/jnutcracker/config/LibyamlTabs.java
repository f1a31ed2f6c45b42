package io.jnutcracker.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.tokens.ScalarToken;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * Tabs that libyaml 0.2.5 (nutcracker's parser) takes as white space but snakeyaml-engine refuses.
 * {@link YamlStream} turns the runs of blanks approved here into spaces, one scanner error at a time;
 * a tab and a space are both one column to both parsers, so lines, columns and values stay the same.
 * libyaml skips a tab:
 * <ul>
 *   <li>between tokens, unless a simple key could start there: so after {@code key:} or a quoted
 *       scalar, but not in indentation nor right after {@code -}, {@code ?} or an explicit key's
 *       {@code :} ({@code yaml_parser_scan_to_next_token});</li>
 *   <li>anywhere in a flow collection;</li>
 *   <li>in the lines after a plain scalar that ends its line (continuation lines and blank lines),
 *       when at or right of the enclosing block's indentation + 1
 *       ({@code yaml_parser_scan_plain_scalar}).</li>
 * </ul>
 * [run] {@code listen:<TAB>127.0.0.1:22121}, {@code "x"<TAB># c} and a {@code "    <TAB>"} line after a
 * {@code "   - host:1:1"} entry pass nutcracker; a tab-indented key, {@code -<TAB>host:1:1} and a
 * {@code "\t"} line after an entry are scanner errors to both.
 */
final class LibyamlTabs {
    private LibyamlTabs() {
    }

    /**
     * Where snakeyaml stopped at {@code at} on white space libyaml would have skipped, the start of
     * that run of blanks (which holds at least one tab); else -1. The whole run is judged because
     * snakeyaml sometimes skips a tab and then trips over the space after it.
     */
    static int separatorRun(CharSequence text, int at) {
        if (at < 0 || at >= text.length() || !isBlank(text.charAt(at))) {
            return -1;
        }
        int start = at;
        while (start > 0 && isBlank(text.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < text.length() && isBlank(text.charAt(end))) {
            end++;
        }
        if (text.subSequence(start, end).chars().noneMatch(c -> c == '\t')) {
            return -1;
        }
        int prev = previousNonBlank(text, start);
        boolean skipped = prev < 0 ? afterPlainScalarOrInFlow(text, start, end) : betweenTokens(text, prev);
        return skipped ? start : -1;
    }

    /** Replaces the run of blanks starting at {@code at} by spaces. */
    static void blankOut(StringBuilder text, int at) {
        for (int i = at; i < text.length() && isBlank(text.charAt(i)); i++) {
            text.setCharAt(i, ' ');
        }
    }

    /** A run after {@code prev}, the last non-blank character on its line. */
    private static boolean betweenTokens(CharSequence text, int prev) {
        if (isIndicator(text, prev, '-') || isIndicator(text, prev, '?')) {
            return false; // right after "-" / "?": a simple key may start here
        }
        if (text.charAt(prev) == ':') {
            int before = previousNonBlank(text, prev);
            // "key:" ends a simple key (libyaml then disallows a new one and eats tabs); a ':' with
            // nothing but indentation or an indicator before it is the value of an explicit "? key"
            return before >= 0 && !isIndicator(text, before, '-') && !isIndicator(text, before, '?');
        }
        return true; // after a scalar, quote, alias, anchor, tag or flow indicator
    }

    /**
     * A run at the start of a line. Scans the text up to the end of the previous non-blank line to
     * see what libyaml was doing there.
     */
    private static boolean afterPlainScalarOrInFlow(CharSequence text, int lineStart, int runEnd) {
        int last = lineStart - 1;
        while (last >= 0 && (isBlank(text.charAt(last)) || text.charAt(last) == '\n' || text.charAt(last) == '\r')) {
            last--;
        }
        if (last < 0) {
            return false;
        }
        List<Token> tokens = new ArrayList<>();
        try {
            LoadSettings settings = YamlStream.settings("", last + 1);
            new ScannerImpl(settings, new StreamReader(settings, text.subSequence(0, last + 1).toString()))
                    .forEachRemaining(tokens::add);
        } catch (YamlEngineException e) {
            return false;
        }
        Deque<Integer> blockColumns = new ArrayDeque<>();
        int flowLevel = 0;
        Token lastContent = null;
        int indent = -1;
        for (Token t : tokens) {
            switch (t.getTokenId()) {
                case BlockMappingStart, BlockSequenceStart -> blockColumns.push(column(t));
                case BlockEnd -> blockColumns.poll();
                case FlowMappingStart, FlowSequenceStart -> flowLevel++;
                case FlowMappingEnd, FlowSequenceEnd -> flowLevel--;
                default -> { }
            }
            if (t.getTokenId() == Token.ID.StreamEnd) {
                break;
            }
            if (t.getTokenId() != Token.ID.BlockEnd) {
                lastContent = t;
                indent = blockColumns.isEmpty() ? -1 : blockColumns.peek();
            }
        }
        if (flowLevel > 0) {
            return true;
        }
        if (!(lastContent instanceof ScalarToken s) || !s.isPlain()
                || s.getEndMark().map(m -> YamlStream.offset(text, m)).orElse(-1) != last + 1) {
            return false; // not a plain scalar ending the line (a comment or quote ends the scalar)
        }
        for (int i = lineStart; i < runEnd; i++) {
            if (text.charAt(i) == '\t' && i - lineStart < indent + 1) {
                return false; // "found a tab character that violates indentation"
            }
        }
        return true;
    }

    private static int column(Token t) {
        return t.getStartMark().map(m -> m.getColumn()).orElse(0);
    }

    /** Index of the last non-blank character before {@code at} on the same line, or -1. */
    private static int previousNonBlank(CharSequence text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (!isBlank(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code c} at {@code i} standing alone (line start or blank before it), i.e. an indicator. */
    private static boolean isIndicator(CharSequence text, int i, char c) {
        return text.charAt(i) == c && (i == 0 || isBlank(text.charAt(i - 1))
                || text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r');
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
