package io.jnutcracker.command;

import io.jnutcracker.resp.Request;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One of Redis's key specs (Redis 7 {@code COMMAND INFO}, "key specifications"): where the search
 * for keys begins (an argument index, or the argument after a keyword) and how the keys are found
 * from there (a range, or a count argument followed by that many keys). Recorded from a real server
 * into {@code commands.tsv} by {@code tools/commands/record.py}; this evaluates it on a request the
 * way Redis's {@code getKeysUsingKeySpecs} does.
 *
 * @param index      begin search by index: the first key's argument; 0 when searching by keyword
 * @param keyword    begin search by keyword (upper-case ASCII), or {@code null}
 * @param startFrom  where the keyword search starts; negative counts from the end, searching backwards
 * @param lastKey    range: the last key relative to the first (-1 the last argument, ...)
 * @param keyStep    arguments from one key to the next
 * @param limit      range with a negative lastKey: only 1/limit of the remaining arguments (XREAD)
 * @param keyNumIdx  keynum: where the key count is, relative to the begin; -1 for a range
 * @param firstKey   keynum: the first key relative to the begin
 * @param known      false for Redis's "unknown" searches (SORT's BY/GET/STORE), which are skipped
 */
record KeySpec(int index, byte[] keyword, int startFrom, int lastKey, int keyStep, int limit, int keyNumIdx,
               int firstKey, boolean known) {

    /** A single key at {@code index} (GET, SET, ...). */
    boolean isSingleKey() {
        return known && keyword == null && keyNumIdx < 0 && lastKey == 0;
    }

    /**
     * Appends the argument positions of the keys this spec finds in {@code request} to {@code out}
     * from {@code n}; returns the new count, or -1 when the request does not fit the spec (Redis
     * then answers the command with its own error, so the caller sends it anywhere).
     */
    int find(Request request, int[] out, int n) {
        if (!known) {
            return n;
        }
        int argc = request.argc();
        int first = begin(request);
        if (first < 0) {
            return n; // keyword absent (an optional STORE): no keys from this spec
        }
        if (first >= argc) {
            return keyword == null ? -1 : n;
        }
        int last;
        int step = keyStep;
        if (keyNumIdx >= 0) {
            int at = first + keyNumIdx;
            long count = at < argc ? number(request, at) : -1;
            if (count < 0 || count > argc) {
                return -1;
            }
            first = first + firstKey;
            last = first + (int) (count - 1) * step;
            if (count == 0) {
                return n;
            }
        } else if (lastKey >= 0) {
            last = first + lastKey;
        } else if (limit <= 1) {
            last = argc + lastKey;
        } else {
            last = first + ((argc - first) / limit + lastKey);
        }
        if (last >= argc || last < first) {
            return -1;
        }
        for (int i = first; i <= last; i += step) {
            if (n == out.length) {
                return -1;
            }
            out[n++] = i;
        }
        return n;
    }

    private int begin(Request request) {
        if (keyword == null) {
            return index;
        }
        int argc = request.argc();
        if (startFrom >= 0) {
            for (int i = startFrom; i < argc; i++) {
                if (request.argIs(i, keyword)) {
                    return i + 1;
                }
            }
        } else {
            for (int i = argc + startFrom; i > 0; i--) {
                if (request.argIs(i, keyword)) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /** A non-negative decimal argument, or -1. */
    private static long number(Request request, int arg) {
        int length = request.argLength(arg);
        if (length == 0 || length > 9) {
            return -1;
        }
        long value = 0;
        int offset = request.argOffset(arg);
        for (int i = 0; i < length; i++) {
            int d = request.frame().getByte(offset + i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Parses the recorded form: {@code <begin>/<find>/<flags>} (see tools/commands/record.py). */
    static KeySpec parse(String text) {
        String[] parts = text.split("/", 3);
        String begin = parts[0];
        String find = parts[1];
        if (begin.equals("?") || find.equals("?")) {
            return new KeySpec(0, null, 0, 0, 1, 0, -1, 0, false);
        }
        int index = 0;
        byte[] keyword = null;
        int startFrom = 0;
        if (begin.charAt(0) == 'i') {
            index = Integer.parseInt(begin.substring(1));
        } else {
            int colon = begin.lastIndexOf(':');
            keyword = begin.substring(1, colon).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            startFrom = Integer.parseInt(begin.substring(colon + 1));
        }
        String[] f = find.substring(1).split(":");
        int a = Integer.parseInt(f[0]);
        int b = Integer.parseInt(f[1]);
        int c = Integer.parseInt(f[2]);
        return find.charAt(0) == 'r'
                ? new KeySpec(index, keyword, startFrom, a, b, c, -1, 0, true)
                : new KeySpec(index, keyword, startFrom, 0, c, 0, a, b, true);
    }
}
