package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static io.jnutcracker.resp.Feed.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every case is fed whole, byte by byte and cut in two at every position (Feed.everyCut). */
@ExtendWith(LeakCheck.class)
class RequestDecoderTest {
    private static final String PING = resp("PING");

    /** The canonical RESP encoding of a command. */
    static String resp(String... args) {
        return resp(Arrays.asList(args));
    }

    static String resp(List<String> args) {
        StringBuilder sb = new StringBuilder("*").append(args.size()).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    /** A request as "[arg0, arg1]" after checking its frame and accessors agree; an error as "ERROR text". */
    static String describe(Object message) {
        if (message instanceof RequestError error) {
            return "ERROR " + error.message();
        }
        Request request = (Request) message;
        assertThat(request.frame().readerIndex()).isZero();
        assertThat(request.frame().readableBytes()).isEqualTo(request.frameLength());
        List<String> args = new ArrayList<>();
        for (int i = 0; i < request.argc(); i++) {
            String arg = request.argString(i);
            assertThat(text(request.arg(i))).isEqualTo(arg);
            assertThat(request.argLength(i)).isEqualTo(arg.length());
            assertThat(text(request.frame().slice(request.argOffset(i), request.argLength(i)))).isEqualTo(arg);
            args.add(arg);
        }
        assertThat(text(request.frame())).as("frame is the RESP encoding").isEqualTo(resp(args));
        return args.toString();
    }

    static Feed.Result run(byte[] input, int[] cuts) {
        return Feed.run(RequestDecoder::new, RequestDecoder::bufferedBytes, input, cuts, RequestDecoderTest::describe);
    }

    /** Asserts that every cutting of {@code input} decodes to {@code expected}, all bytes consumed. */
    static void expect(String input, String... expected) {
        byte[] in = bytes(input);
        for (int[] cuts : Feed.everyCut(in.length)) {
            Feed.Result result = run(in, cuts);
            assertThat(result.messages()).as("cuts %s", Arrays.toString(cuts)).containsExactly(expected);
            assertThat(result.buffered()).as("cuts %s", Arrays.toString(cuts)).isZero();
            assertThat(result.errors()).isEmpty();
        }
    }

    @Test
    void decodesOneCommand() {
        expect(resp("GET", "foo"), "[GET, foo]");
    }

    @Test
    void keepsEmptyAndBinaryArguments() {
        expect(resp("SET", "", "a\r\nb\0\u00ff$*"), "[SET, , a\r\nb\0\u00ff$*]");
    }

    @Test
    void decodesPipelines() {
        expect(resp("GET", "a") + resp("SET", "b", "1") + PING + resp("DEL", "c", "d", "e") + resp("MGET", "f"),
                "[GET, a]", "[SET, b, 1]", "[PING]", "[DEL, c, d, e]", "[MGET, f]");
    }

    @Test
    void decodesLongPipelines() {
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String value = "v".repeat(i % 13);
            input.append(resp("SET", "key:" + i, value));
            expected.add("[SET, key:" + i + ", " + value + "]");
        }
        byte[] in = bytes(input.toString());
        for (int[] cuts : Feed.someCuts(in.length, 30, new Random(4))) {
            assertThat(run(in, cuts).messages()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void decodesManyArguments() {
        List<String> args = new ArrayList<>(List.of("MSET"));
        for (int i = 0; i < 150; i++) {
            args.add("k" + i);
            args.add(i % 5 == 0 ? "" : "v" + i);
        }
        byte[] in = bytes(resp(args) + PING);
        for (int[] cuts : Feed.someCuts(in.length, 20, new Random(10))) {
            assertThat(run(in, cuts).messages()).containsExactly(args.toString(), "[PING]");
        }
    }

    @Test
    void skipsEmptyAndNullMultibulkAsRedisDoes() {
        expect("*0\r\n" + PING + "*-1\r\n*-10\r\n" + resp("GET", "a"), "[PING]", "[GET, a]");
    }

    @Test
    void skipsTheLowestCountAsRedisDoes() {
        // Regression (found by RequestDecoderFuzzTest): string2ll reads LLONG_MIN, so Redis skips
        // this count like any other below 1; the decoder called it an invalid multibulk length.
        expect("*-9223372036854775808\r\n" + PING, "[PING]");
        expectError("*-9223372036854775809\r\n", "invalid multibulk length");
    }

    @Test
    void keepsAnIncompleteCommandBuffered() {
        String partial = "*2\r\n$3\r\nGET\r\n$3\r\nfo";
        byte[] in = bytes(PING + partial);
        for (int[] cuts : Feed.everyCut(in.length)) {
            Feed.Result result = run(in, cuts);
            assertThat(result.messages()).containsExactly("[PING]");
            assertThat(result.buffered()).isEqualTo(partial.length());
        }
    }

    @Test
    void acceptsTheLimitsThemselves() {
        // Exactly at Redis's limits nothing fails; the decoder waits for the payload.
        byte[] in = bytes("*1048576\r\n$536870912\r\n");
        Feed.Result result = run(in, new int[0]);
        assertThat(result.messages()).isEmpty();
        assertThat(result.buffered()).isEqualTo(in.length);
    }

    @Test
    void decodesALargeArgumentCutAnywhere() {
        String value = "x".repeat(200_000);
        byte[] in = bytes(PING + resp("SET", "k", value) + PING);
        String expected = "[SET, k, " + value + "]";
        for (int[] cuts : Feed.someCuts(in.length, 20, new Random(1))) {
            assertThat(run(in, cuts).messages()).containsExactly("[PING]", expected, "[PING]");
        }
    }

    // ---- inline commands (Redis processInlineBuffer + sdssplitargs) ----

    @Test
    void splitsInlineCommandsOnBlanks() {
        expect("GET foo\r\n", "[GET, foo]");
        expect("GET foo\n", "[GET, foo]");
        expect("  SET \t a   b \r\n", "[SET, a, b]");
        expect("GET a\rb\r\n", "[GET, a, b]"); // a CR inside the line separates too
        expect("\fGET\u000ba\r\n", "[GET\u000ba]"); // VT/FF are blanks only between arguments
    }

    @Test
    void skipsEmptyInlineLines() {
        expect("\r\n\n   \r\n" + PING + "\r\n", "[PING]");
    }

    @Test
    void parsesInlineQuotes() {
        expect("SET \"a b\" 'c d'\r\n", "[SET, a b, c d]");
        expect("SET \"\" ''\r\n", "[SET, , ]");
        expect("SET \"\\x41\\x7a\\n\\r\\t\\b\\a\\\"\\\\\\q\"\r\n", "[SET, Az\n\r\t\b\u0007\"\\q]");
        expect("SET \"\\xZZ\"\r\n", "[SET, xZZ]"); // not two hex digits: backslash-anything
        expect("SET 'it\\'s' 'a\\nb'\r\n", "[SET, it's, a\\nb]"); // single quotes only unescape \'
        expect("SET a\"b c\"\r\n", "[SET, ab c]"); // a quote may open mid-argument
    }

    @Test
    void stopsInlineLineAtNulAsSdssplitargsDoes() {
        expect("GET a\0b c\r\n", "[GET, a]");
    }

    @Test
    void mixesInlineAndMultibulk() {
        expect("PING\r\n" + resp("GET", "x") + "ECHO hi\n", "[PING]", "[GET, x]", "[ECHO, hi]");
    }

    @Test
    void acceptsAnInlineLineOfExactly64KB() {
        String arg = "a".repeat(RequestDecoder.MAX_INLINE_LENGTH);
        byte[] in = bytes(arg + "\n");
        for (int[] cuts : Feed.someCuts(in.length, 10, new Random(2))) {
            assertThat(run(in, cuts).messages()).containsExactly("[" + arg + "]");
        }
    }

    // ---- protocol errors: RequestError after the earlier requests, then the rest is dropped ----

    /** The error case preceded by a valid command and followed by one that must be dropped. */
    static void expectError(String bad, String message) {
        expect(PING + bad + PING, "[PING]", "ERROR Protocol error: " + message);
    }

    @Test
    void rejectsBadMultibulkLengths() {
        expectError("*abc\r\n", "invalid multibulk length");
        expectError("*01\r\n", "invalid multibulk length");
        expectError("*+1\r\n", "invalid multibulk length");
        expectError("*\r\n", "invalid multibulk length");
        expectError("*1048577\r\n", "invalid multibulk length");
        expectError("*99999999999999999999\r\n", "invalid multibulk length");
        expectError("*1\rX", "invalid multibulk length");
    }

    @Test
    void rejectsBadBulkLengths() {
        expectError("*1\r\n$-1\r\n", "invalid bulk length");
        expectError("*1\r\n$abc\r\n", "invalid bulk length");
        expectError("*1\r\n$\r\n", "invalid bulk length");
        expectError("*1\r\n$536870913\r\n", "invalid bulk length");
        expectError("*1\r\n$3\rX", "invalid bulk length");
    }

    @Test
    void rejectsPayloadNotEndedByCrlf() {
        expectError("*1\r\n$3\r\nfooXY", "invalid bulk length");
        expectError("*1\r\n$3\r\nfoo\rX", "invalid bulk length");
    }

    @Test
    void rejectsNonBulkArguments() {
        // Redis's own test: "Wrong multibulk payload header".
        expectError("*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n", "expected '$', got 'f'");
        expectError("*1\r\n:1\r\n", "expected '$', got ':'");
    }

    @Test
    void rejectsUnbalancedQuotes() {
        expectError("SET \"a b\r\n", "unbalanced quotes in request");
        expectError("SET 'a\r\n", "unbalanced quotes in request");
        expectError("SET \"a\"b\r\n", "unbalanced quotes in request"); // closing quote must end the argument
        expectError("SET \"a\0\"\r\n", "unbalanced quotes in request");
    }

    @Test
    void rejectsTooLongLines() {
        Random random = new Random(3);
        int over = RequestDecoder.MAX_INLINE_LENGTH + 1;
        String[][] cases = {
            {"a".repeat(over), "too big inline request"},
            {"*" + "1".repeat(over), "too big mbulk count string"},
            {"*1\r\n$" + "1".repeat(over), "too big bulk count string"},
        };
        for (String[] c : cases) {
            byte[] in = bytes(PING + c[0] + PING);
            for (int[] cuts : Feed.someCuts(in.length, 10, random)) {
                Feed.Result result = run(in, cuts);
                assertThat(result.messages()).containsExactly("[PING]", "ERROR Protocol error: " + c[1]);
                assertThat(result.buffered()).isZero();
            }
        }
    }

    @Test
    void dropsInputWrittenAfterAnError() {
        byte[] in = bytes("*x\r\n" + PING + PING + "GET a\r\n");
        for (int[] cuts : Feed.everyCut(in.length)) {
            Feed.Result result = run(in, cuts);
            assertThat(result.messages()).containsExactly("ERROR Protocol error: invalid multibulk length");
            assertThat(result.buffered()).isZero();
        }
    }
}
