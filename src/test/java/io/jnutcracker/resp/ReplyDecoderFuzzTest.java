package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes {@link ReplyDecoder} against {@link ReplyModel}: generated reply streams (every RESP2 and
 * RESP3 type the decoder accepts, nested, integer and length extremes), the same truncated and
 * mutated, token soup and header lines at the 64 KB limit, each fed whole, split at every byte
 * (short inputs) and in random pieces. For every input and cutting: exactly the model's replies
 * (type, frame, count, element slices, integer), then, for garbage, one ProtocolException with the
 * model's message, raised once however many pieces follow, nothing delivered after it; otherwise
 * no exception and the model's count of buffered bytes; and every buffer freed.
 *
 * <p>Leak checking as in {@link RequestDecoderFuzzTest}. Seed and size: see {@link Fuzz}.
 */
@ExtendWith(LeakCheck.class)
class ReplyDecoderFuzzTest {

    /** A reply's encoding and, for a top-level reply, what ReplyDecoderTest.describe says of it. */
    record Node(String encoding, String description) {
    }

    static int check(Fuzz.Context context, byte[] input, List<int[]> plans, ReplyModel.Outcome expected,
            boolean tracked, Random random) {
        context.input = input;
        List<String> errors = expected.error() == null ? List.of() : List.of("ProtocolException: " + expected.error());
        for (int[] cuts : plans) {
            context.cuts = cuts;
            Feed.Result result = Fuzz.decode(ReplyDecoder::new, ReplyDecoder::bufferedBytes, input, cuts,
                    ReplyDecoderTest::describe, tracked, random);
            assertThat(result.errors()).as("exceptions").containsExactlyElementsOf(errors);
            assertThat(result.messages()).as("decoded").containsExactlyElementsOf(expected.replies());
            assertThat(result.buffered()).as("bytes left buffered").isEqualTo(expected.buffered());
        }
        return plans.size();
    }

    static int checkAgainstModel(Fuzz.Context context, byte[] input, List<int[]> plans, boolean tracked, Random random) {
        return check(context, input, plans, ReplyModel.parse(input), tracked, random);
    }

    // ---- the cases; shares of Fuzz.CASES ----

    @Test
    void wellFormedStreamsRoundTrip() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("replies.wellFormed", Fuzz.budget(0.12), (random, context) -> {
            context.what = "well-formed stream";
            List<Node> replies = wellFormedStream(random);
            byte[] input = bytes(replies.stream().map(Node::encoding).reduce("", String::concat));
            List<String> described = replies.stream().map(Node::description).toList();
            ReplyModel.Outcome expected = new ReplyModel.Outcome(described, null, 0);
            context.input = input;
            assertThat(ReplyModel.parse(input)).as("model").isEqualTo(expected);
            return check(context, input, Fuzz.plans(input.length, random, 3, 2000), expected, true, random);
        }));
    }

    @Test
    void truncatedStreamsWait() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("replies.truncated", Fuzz.budget(0.05), (random, context) -> {
            context.what = "truncated well-formed stream";
            byte[] full = bytes(wellFormedStream(random).stream().map(Node::encoding).reduce("", String::concat));
            byte[] input = Arrays.copyOf(full, random.nextInt(full.length + 1));
            return checkAgainstModel(context, input, Fuzz.plans(input.length, random, 3, 1000), true, random);
        }));
    }

    @Test
    void mutatedStreams() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("replies.mutated", Fuzz.budget(0.19), (random, context) -> {
            context.what = "mutated stream";
            byte[] full = bytes(wellFormedStream(random).stream().map(Node::encoding).reduce("", String::concat));
            byte[] input = Fuzz.mutate(full, random);
            return checkAgainstModel(context, input, Fuzz.plans(input.length, random, 2, 600), true, random);
        }));
    }

    static final String[] SOUP = {
        "+", "-", ":", "$", "*", "%", "~", ">", "_", "#", ",", "(", "!", "=", "|", "#", "#", "#",
        "\r\n", "\r\n", "\r\n", "\r", "\n", "OK", "x", "*1\r\n", "*2\r\n", "%1\r\n", "$1\r\n", "$0\r\n",
        "$-1\r\n", "*-1\r\n", ":1\r\n", "+OK\r\n", "?", "?", " ", "\0",
    };

    @Test
    void tokenSoup() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("replies.soup", Fuzz.budget(0.08), (random, context) -> {
            context.what = "token soup";
            byte[] input = Fuzz.soup(random, SOUP, 40);
            return checkAgainstModel(context, input, Fuzz.plans(input.length, random, 2, 600), true, random);
        }));
    }

    /** Length, count and integer lines ending around the 64 KB limit, and long status lines (no limit). */
    @Test
    void headerLinesAroundTheLimit() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("replies.longLines", Fuzz.budget(0.002), (random, context) -> {
            char marker = Fuzz.pick(random, ':', '$', '*', '%', '!', '+', '-', ',');
            int length = ReplyModel.HEADER_LIMIT - 3 + random.nextInt(7); // marker included, CR excluded
            String line = marker + String.valueOf(Fuzz.pick(random, '1', '0', ' ')).repeat(length - 1);
            String end = Fuzz.pick(random, "\r\n", "\r", "", "\n");
            context.what = "line of " + length + " bytes with marker " + marker + ", end " + Fuzz.escape(end);
            byte[] input = bytes("+OK\r\n" + line + end + (random.nextBoolean() ? ":1\r\n" : ""));
            // Sparse cuts only: a 64 KB header fed in bytes is rescanned at every byte.
            List<int[]> plans = List.of(new int[0], Fuzz.sparseCuts(input.length, random));
            return checkAgainstModel(context, input, plans, true, random);
        }));
    }

    /** Paranoid leak detection records a stack trace at every buffer access: larger inputs get one sparse cut plan. */
    static final int PARANOID_MAX_INPUT = 1024;

    /** A slice of every kind of case above, on the pooled allocator with paranoid leak detection. */
    @Test
    void paranoid() {
        Fuzz.withParanoidLeakDetector(() -> Fuzz.run("replies.paranoid", Fuzz.budget(0.012), (random, context) -> {
            context.what = "paranoid";
            byte[] well = bytes(wellFormedStream(random).stream().map(Node::encoding).reduce("", String::concat));
            byte[] input = switch (random.nextInt(3)) {
                case 0 -> well;
                case 1 -> Fuzz.mutate(well, random);
                default -> Fuzz.soup(random, SOUP, 40);
            };
            List<int[]> plans = input.length > PARANOID_MAX_INPUT ? List.of(Fuzz.sparseCuts(input.length, random))
                    : List.of(Fuzz.anyCuts(input.length, random), Fuzz.randomCuts(input.length, random));
            return checkAgainstModel(context, input, plans, false, random);
        }));
    }

    // ---- generators ----

    static List<Node> wellFormedStream(Random random) {
        List<Node> replies = new ArrayList<>();
        int n = random.nextInt(4) == 0 ? random.nextInt(30) : random.nextInt(4);
        for (int i = 0; i <= n; i++) {
            replies.add(reply(random, 0));
        }
        return replies;
    }

    static final long[] INTEGERS = {
        0, 1, -1, 10, 1024, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
    };

    /** A random reply of any type the decoder accepts, nested up to depth 4. */
    static Node reply(Random random, int depth) {
        int kind = random.nextInt(depth < 4 ? 20 : 14);
        switch (kind) {
            case 0, 1:
                return line(RespType.SIMPLE_STRING, "+" + lineText(random));
            case 2:
                return line(RespType.ERROR, "-" + Fuzz.pick(random, "ERR ", "WRONGTYPE ", "MOVED 1 a:1", "") + lineText(random));
            case 3, 4: {
                long value = random.nextBoolean() ? INTEGERS[random.nextInt(INTEGERS.length)]
                        : random.nextLong() >> random.nextInt(64);
                String enc = ":" + value + "\r\n";
                return new Node(enc, "INTEGER " + enc + " =" + value);
            }
            case 5:
                return new Node("$-1\r\n", "BULK_STRING $-1\r\n null");
            case 6, 7, 8:
                return bulk(RespType.BULK_STRING, "$", RequestDecoderFuzzTest.randomArg(random, payloadLength(random)));
            case 9:
                return line(RespType.NULL, "_");
            case 10:
                String text = Fuzz.pick(random, "#t", "#f", ",1.5", ",-inf", ",nan", ",1e-300",
                        "(123456789012345678901234567890", "(-1");
                return line(RespType.fromMarker((byte) text.charAt(0)), text);
            case 11:
                return bulk(RespType.BULK_ERROR, "!", "SYNTAX " + lineText(random));
            case 12:
                return bulk(RespType.VERBATIM_STRING, "=", "txt:" + RequestDecoderFuzzTest.randomArg(random, payloadLength(random)));
            case 13: {
                RespType type = Fuzz.pick(random, RespType.ARRAY, RespType.ARRAY, RespType.MAP, RespType.SET, RespType.PUSH);
                String enc = (char) type.marker() + (random.nextInt(4) == 0 ? "-1" : "0") + "\r\n";
                return new Node(enc, type + " " + enc + (enc.contains("-1") ? " null count=-1" : " count=0 []"));
            }
            default: {
                RespType type = Fuzz.pick(random, RespType.ARRAY, RespType.ARRAY, RespType.ARRAY, RespType.MAP,
                        RespType.SET, RespType.PUSH);
                int entries = depth == 0 && random.nextInt(10) == 0 ? random.nextInt(80) : 1 + random.nextInt(4);
                int children = type == RespType.MAP ? 2 * entries : entries;
                List<String> encodings = new ArrayList<>();
                for (int i = 0; i < children; i++) {
                    encodings.add(reply(random, depth + 1).encoding);
                }
                String enc = (char) type.marker() + String.valueOf(entries) + "\r\n" + String.join("", encodings);
                return new Node(enc, type + " " + enc + " count=" + children + " " + encodings);
            }
        }
    }

    private static Node line(RespType type, String text) {
        String enc = text + "\r\n";
        return new Node(enc, type + " " + enc + (type == RespType.NULL ? " null" : ""));
    }

    private static Node bulk(RespType type, String marker, String payload) {
        String enc = marker + payload.length() + "\r\n" + payload + "\r\n";
        return new Node(enc, type + " " + enc);
    }

    /** Text of a status or error line: any bytes but CR (a lone LF is not a line end in RESP). */
    static String lineText(Random random) {
        return RequestDecoderFuzzTest.randomArg(random, random.nextInt(random.nextInt(50) == 0 ? 3000 : 20)).replace('\r', ' ');
    }

    static int payloadLength(Random random) {
        int r = random.nextInt(100);
        return r < 10 ? 0 : r < 90 ? random.nextInt(32) : r < 99 ? random.nextInt(700) : random.nextInt(10_000);
    }
}
