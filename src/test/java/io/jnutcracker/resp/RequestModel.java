package io.jnutcracker.resp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The fuzz tests' oracle for {@link RequestDecoder}: a deliberately plain parser of a whole input
 * held in memory (no state machine, no splits, no buffers), written from the rules Redis applies
 * (networking.c processMultibulkBuffer / processInlineBuffer, util.c string2ll, sds.c
 * sdssplitargs) plus the stricter checks RequestDecoder documents (LF after a header's CR, CRLF
 * after a payload).
 *
 * <p>It answers what the decoder must emit for that input however it is cut: one
 * {@code "REQ <canonical RESP>"} per command, then either {@code "ERROR <message>"} (and nothing
 * after it, nothing left buffered) or, if the input ends inside a command, the number of bytes of
 * that unfinished command left buffered.
 */
final class RequestModel {
    record Outcome(List<String> messages, int buffered) {
    }

    /** Line limit of Redis (PROTO_INLINE_MAX_SIZE), for inline lines and for '*' and '$' lines. */
    static final int LINE_LIMIT = 64 * 1024;
    private static final long MAX_FRAME = Integer.MAX_VALUE - 8;
    /** What string2ll accepts: "0", or an optional '-' and digits not starting with 0. */
    private static final Pattern NUMBER = Pattern.compile("0|-?[1-9][0-9]*");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final byte[] b;
    private final int n;
    private final long maxArgs;
    private final long maxBulk;
    private final List<String> messages = new ArrayList<>();

    private RequestModel(byte[] input, long maxArgs, long maxBulk) {
        this.b = input;
        this.n = input.length;
        this.maxArgs = maxArgs;
        this.maxBulk = maxBulk;
    }

    static Outcome parse(byte[] input) {
        return parse(input, RequestDecoder.MAX_MULTIBULK_LENGTH, RequestDecoder.MAX_BULK_LENGTH);
    }

    static Outcome parse(byte[] input, long maxArgs, long maxBulk) {
        return new RequestModel(input, maxArgs, maxBulk).parse();
    }

    /** Thrown inside the model: the input ends before the command does. */
    private static final class Incomplete extends Exception {
        Incomplete() {
            super(null, null, false, false);
        }
    }

    /** Thrown inside the model: a protocol error with Redis's text. */
    private static final class Broken extends Exception {
        Broken(String message) {
            super(message, null, false, false);
        }
    }

    private Outcome parse() {
        int p = 0;
        while (p < n) {
            try {
                p = b[p] == '*' ? multibulk(p) : inline(p);
            } catch (Incomplete e) {
                return new Outcome(messages, n - p);
            } catch (Broken e) {
                messages.add("ERROR Protocol error: " + e.getMessage());
                return new Outcome(messages, 0);
            }
        }
        return new Outcome(messages, 0);
    }

    private int multibulk(int start) throws Incomplete, Broken {
        int cr = lineEnd(start, "too big mbulk count string");
        BigInteger count = number(start + 1, cr);
        if (count == null || count.compareTo(BigInteger.valueOf(maxArgs)) > 0 || b[cr + 1] != '\n') {
            throw new Broken("invalid multibulk length");
        }
        if (count.signum() <= 0) {
            return cr + 2; // Redis ignores *0 and negative counts
        }
        List<String> args = new ArrayList<>();
        int p = cr + 2;
        for (long i = 0; i < count.longValue(); i++) {
            cr = lineEnd(p, "too big bulk count string");
            if (b[p] != '$') {
                throw new Broken("expected '$', got '" + (char) (b[p] & 0xFF) + "'");
            }
            BigInteger length = number(p + 1, cr);
            if (length != null && length.compareTo(BigInteger.valueOf(maxBulk)) > 0
                    && length.compareTo(BigInteger.valueOf(RequestDecoder.MAX_BULK_LENGTH)) <= 0 && b[cr + 1] == '\n') {
                throw new Broken("request too large: a value of " + length + " bytes is over the proxy's limit of "
                        + maxBulk + " bytes (its memory budget)");
            }
            if (length == null || length.signum() < 0 || length.compareTo(BigInteger.valueOf(maxBulk)) > 0
                    || b[cr + 1] != '\n' || (cr + 2 - start) + length.longValue() + 2 > MAX_FRAME) {
                throw new Broken("invalid bulk length");
            }
            int data = cr + 2;
            int len = length.intValue();
            if ((long) data + len + 2 > n) {
                throw new Incomplete();
            }
            if (b[data + len] != '\r' || b[data + len + 1] != '\n') {
                throw new Broken("invalid bulk length");
            }
            args.add(string(data, data + len));
            p = data + len + 2;
        }
        messages.add("REQ " + RequestDecoderTest.resp(args));
        return p;
    }

    /**
     * Index of the CR ending the header line at {@code from}, with the byte after it present.
     * Redis looks for the CR in what it has buffered and gives up once more than 64 KB are
     * buffered without one; the decoder judges the first 64 KB + 1 bytes whatever the cuts.
     */
    private int lineEnd(int from, String tooLong) throws Incomplete, Broken {
        int cr = indexOf((byte) '\r', from);
        if (cr < 0 || cr - from > LINE_LIMIT) {
            if (n - from > LINE_LIMIT) {
                throw new Broken(tooLong);
            }
            throw new Incomplete();
        }
        if (cr + 1 >= n) {
            throw new Incomplete();
        }
        return cr;
    }

    private int inline(int start) throws Incomplete, Broken {
        int lf = indexOf((byte) '\n', start);
        if (lf < 0 || lf - start > LINE_LIMIT) {
            if (n - start > LINE_LIMIT) {
                throw new Broken("too big inline request");
            }
            throw new Incomplete();
        }
        int end = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
        List<String> args = splitArgs(string(start, end));
        if (args == null) {
            throw new Broken("unbalanced quotes in request");
        }
        if (!args.isEmpty()) {
            messages.add("REQ " + RequestDecoderTest.resp(args));
        }
        return lf + 1;
    }

    /** string2ll's rules, with no overflow: null if the text is not a number or not a long. */
    static BigInteger number(byte[] b, int from, int to) {
        String text = new String(b, from, to - from, Resp.CHARSET);
        if (!NUMBER.matcher(text).matches()) {
            return null;
        }
        BigInteger value = new BigInteger(text);
        return value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0 ? null : value;
    }

    private BigInteger number(int from, int to) {
        return number(b, from, to);
    }

    private int indexOf(byte c, int from) {
        for (int i = from; i < n; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private String string(int from, int to) {
        return new String(b, from, to - from, Resp.CHARSET);
    }

    /**
     * sdssplitargs, written afresh over a String of one char per byte. The line is a C string
     * there, so it ends at the first NUL. Returns null for unbalanced quotes.
     */
    static List<String> splitArgs(String line) {
        int nul = line.indexOf('\0');
        String s = nul < 0 ? line : line.substring(0, nul);
        List<String> args = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            if (i == s.length()) {
                return args;
            }
            StringBuilder arg = new StringBuilder();
            boolean ended = false;
            while (!ended) {
                if (i == s.length()) {
                    break;
                }
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    i++; // only these end a bare word; VT and FF are part of it
                    ended = true;
                } else if (c == '"' || c == '\'') {
                    i = c == '"' ? doubleQuoted(s, i + 1, arg) : singleQuoted(s, i + 1, arg);
                    if (i < 0) {
                        return null;
                    }
                    // the closing quote ends the argument and must be followed by a blank or the end
                    if (i < s.length() && !isSpace(s.charAt(i))) {
                        return null;
                    }
                    ended = true;
                } else {
                    arg.append(c);
                    i++;
                }
            }
            args.add(arg.toString());
        }
    }

    /** From just after an opening '"': appends the content; returns the index after the closing quote, or -1. */
    private static int doubleQuoted(String s, int i, StringBuilder arg) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x' && isHex(s.charAt(i + 2))
                    && isHex(s.charAt(i + 3))) {
                arg.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 4;
            } else if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                arg.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'a' -> (char) 7;
                    default -> e;
                });
                i += 2;
            } else {
                arg.append(c); // includes a backslash that ends the line: then the quote is unclosed
                i++;
            }
        }
        return -1;
    }

    /** From just after an opening '\'': only \' is an escape. */
    private static int singleQuoted(String s, int i, StringBuilder arg) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                arg.append('\'');
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else {
                arg.append(c);
                i++;
            }
        }
        return -1;
    }

    /** C isspace in the "C" locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
