package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static io.jnutcracker.resp.Feed.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes {@link RequestDecoder} against {@link RequestModel}: generated command streams (RESP and
 * inline, every quoting form), the same streams truncated and mutated, token soup, small limits and
 * lines at the 64 KB limit, each fed whole, split at every byte (short inputs) and in random
 * pieces. For every input and every cutting: exactly the model's requests (each frame the
 * canonical RESP of its arguments), then at most one {@code Protocol error} and nothing after it,
 * no exception, the model's count of buffered bytes, and every buffer freed.
 *
 * <p>The bulk runs with Netty's leak detector off and counts every buffer exactly
 * ({@link TrackingAllocator}); {@link #paranoid()} runs a slice of the same cases on the pooled
 * allocator with paranoid leak detection, failing on any leak report ({@link LeakCheck}).
 * Seed and size: see {@link Fuzz}.
 */
@ExtendWith(LeakCheck.class)
class RequestDecoderFuzzTest {

    /** A generated input and, when it is well formed, what the decoder must emit. */
    record Input(byte[] bytes, List<String> expected) {
    }

    // ---- the properties ----

    /** "REQ <frame>" after RequestDecoderTest.describe checked the frame and accessors agree; "ERROR <text>". */
    static String describe(Object message) {
        if (message instanceof RequestError error) {
            ByteBuf reply = error.reply(UnpooledByteBufAllocator.DEFAULT);
            try {
                String text = text(reply);
                assertThat(text).startsWith("-ERR Protocol error: ").endsWith("\r\n");
                assertThat(text.indexOf('\n')).as("one line").isEqualTo(text.length() - 1);
            } finally {
                reply.release();
            }
            return "ERROR " + error.message();
        }
        RequestDecoderTest.describe(message); // frame == RESP of its arguments, accessors agree
        return "REQ " + text(((Request) message).frame());
    }

    /** Decodes {@code input} under every plan and checks the outcome is the model's; returns the runs made. */
    static int check(Fuzz.Context context, byte[] input, List<int[]> plans, Supplier<RequestDecoder> decoder,
            RequestModel.Outcome expected, boolean tracked, Random random) {
        context.input = input;
        for (int[] cuts : plans) {
            context.cuts = cuts;
            Feed.Result result = Fuzz.decode(decoder, RequestDecoder::bufferedBytes, input, cuts,
                    RequestDecoderFuzzTest::describe, tracked, random);
            assertThat(result.errors()).as("exceptions").isEmpty();
            assertThat(result.messages()).as("decoded").containsExactlyElementsOf(expected.messages());
            assertThat(result.buffered()).as("bytes left buffered").isEqualTo(expected.buffered());
        }
        return plans.size();
    }

    static int checkAgainstModel(Fuzz.Context context, byte[] input, List<int[]> plans, boolean tracked, Random random) {
        return check(context, input, plans, RequestDecoder::new, RequestModel.parse(input), tracked, random);
    }

    // ---- the cases; shares of Fuzz.CASES ----

    @Test
    void wellFormedStreamsRoundTrip() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("requests.wellFormed", Fuzz.budget(0.142), (random, context) -> {
            context.what = "well-formed stream";
            Input in = wellFormedStream(random);
            context.input = in.bytes;
            // The model must agree with the generator before it judges anything else.
            assertThat(RequestModel.parse(in.bytes)).as("model").isEqualTo(new RequestModel.Outcome(in.expected, 0));
            return check(context, in.bytes, Fuzz.plans(in.bytes.length, random, 3, 2000), RequestDecoder::new,
                    new RequestModel.Outcome(in.expected, 0), true, random);
        }));
    }

    @Test
    void truncatedStreamsWait() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("requests.truncated", Fuzz.budget(0.06), (random, context) -> {
            context.what = "truncated well-formed stream";
            byte[] full = wellFormedStream(random).bytes;
            byte[] input = java.util.Arrays.copyOf(full, random.nextInt(full.length + 1));
            return checkAgainstModel(context, input, Fuzz.plans(input.length, random, 3, 1000), true, random);
        }));
    }

    @Test
    void mutatedStreams() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("requests.mutated", Fuzz.budget(0.20), (random, context) -> {
            context.what = "mutated stream";
            byte[] input = Fuzz.mutate(wellFormedStream(random).bytes, random);
            return checkAgainstModel(context, input, Fuzz.plans(input.length, random, 2, 600), true, random);
        }));
    }

    static final String[] SOUP = {
        "*", "$", "#", "#", "\r\n", "\r\n", "\r", "\n", "*1\r\n", "*2\r\n", "*3\r\n", "$1\r\n", "$3\r\n", "$0\r\n",
        "*0\r\n", "*-1\r\n", "x", "foo", "GET", "SET k v", " ", "\t", "\"", "'", "\\", "\\x4", "\\x41", "\\'",
        "\0", "\u000b", "\u000c", "?", "?", "-", "+", "0", "\r\n\r\n",
    };

    @Test
    void tokenSoup() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("requests.soup", Fuzz.budget(0.08), (random, context) -> {
            context.what = "token soup";
            byte[] input = Fuzz.soup(random, SOUP, 40);
            return checkAgainstModel(context, input, Fuzz.plans(input.length, random, 2, 600), true, random);
        }));
    }

    /** Decoders with small limits, fed commands at and around them: every boundary is hit with real payloads. */
    @Test
    void smallLimits() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("requests.smallLimits", Fuzz.budget(0.05), (random, context) -> {
            int maxArgs = 1 + random.nextInt(6);
            int maxBulk = random.nextInt(20);
            context.what = "limits: " + maxArgs + " arguments, bulk " + maxBulk + " bytes";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int c = random.nextInt(6); c >= 0; c--) {
                List<String> args = new ArrayList<>();
                int argc = random.nextInt(8) == 0 ? maxArgs + 1 : 1 + random.nextInt(maxArgs);
                for (int a = 0; a < argc; a++) {
                    int len = random.nextInt(8) == 0 ? maxBulk + 1 : random.nextInt(maxBulk + 1);
                    args.add(randomArg(random, len));
                }
                out.writeBytes(bytes(random.nextInt(5) == 0 ? inline(args, random) : RequestDecoderTest.resp(args)));
            }
            byte[] input = random.nextInt(4) == 0 ? Fuzz.mutate(out.toByteArray(), random) : out.toByteArray();
            RequestModel.Outcome expected = RequestModel.parse(input, maxArgs, maxBulk);
            return check(context, input, Fuzz.plans(input.length, random, 2, 400),
                    () -> new RequestDecoder(maxArgs, maxBulk), expected, true, random);
        }));
    }

    /** Inline lines and '*' / '$' header lines of about 64 KB, ended (or not) around the limit. */
    @Test
    void linesAroundTheLimit() {
        Fuzz.withoutLeakDetector(() -> Fuzz.run("requests.longLines", Fuzz.budget(0.002), (random, context) -> {
            // An inline line of `length` bytes before its end, or a '*' / '$' line whose marker and
            // content are `length` bytes long.
            int length = RequestModel.LINE_LIMIT - 3 + random.nextInt(7);
            String prefix = Fuzz.pick(random, "", "*", "*1\r\n$", "*2\r\n$3\r\nGET\r\n$");
            int fillers = prefix.isEmpty() ? length : length - 1;
            String line = prefix + String.valueOf(Fuzz.pick(random, 'a', '1', ' ', '"')).repeat(fillers);
            String end = Fuzz.pick(random, "\r\n", "\n", "\r", "");
            String tail = random.nextBoolean() ? RequestDecoderTest.resp("PING") : "";
            context.what = "line of " + length + " bytes, prefix " + Fuzz.escape(prefix) + ", end " + Fuzz.escape(end);
            byte[] input = bytes(RequestDecoderTest.resp("PING") + line + end + tail);
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
        Fuzz.withParanoidLeakDetector(() -> Fuzz.run("requests.paranoid", Fuzz.budget(0.012), (random, context) -> {
            context.what = "paranoid";
            byte[] input = switch (random.nextInt(3)) {
                case 0 -> wellFormedStream(random).bytes;
                case 1 -> Fuzz.mutate(wellFormedStream(random).bytes, random);
                default -> Fuzz.soup(random, SOUP, 40);
            };
            List<int[]> plans = input.length > PARANOID_MAX_INPUT ? List.of(Fuzz.sparseCuts(input.length, random))
                    : List.of(Fuzz.anyCuts(input.length, random), Fuzz.randomCuts(input.length, random));
            return checkAgainstModel(context, input, plans, false, random);
        }));
    }

    // ---- generators ----

    /**
     * Commands in RESP (canonical, so the frame must equal the input bytes) and inline (every
     * quoting form), with the lines Redis skips ({@code *0}, {@code *-n}, blank lines) between them.
     */
    static Input wellFormedStream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        int commands = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(5);
        for (int c = 0; c <= commands; c++) {
            int kind = random.nextInt(20);
            if (kind < 3) {
                out.writeBytes(bytes(Fuzz.pick(random, "*0\r\n", "*-1\r\n", "*-" + (1 + random.nextInt(1 << 20)) + "\r\n",
                        "\r\n", "\n", " \t\r\n", "\r\r\n", "\0\r\n", "\u000b\u000c \n", "\0 GET a\n")));
                continue;
            }
            List<String> args = new ArrayList<>();
            int argc = random.nextInt(10) == 0 ? 1 + random.nextInt(70) : 1 + random.nextInt(5);
            for (int a = 0; a < argc; a++) {
                args.add(randomArg(random, argLength(random)));
            }
            String encoded = kind < 8 ? inline(args, random) : RequestDecoderTest.resp(args);
            if (encoded.length() > RequestModel.LINE_LIMIT - 2) {
                encoded = RequestDecoderTest.resp(args); // too long for an inline line
            }
            out.writeBytes(bytes(encoded));
            expected.add("REQ " + RequestDecoderTest.resp(args));
        }
        return new Input(out.toByteArray(), expected);
    }

    static int argLength(Random random) {
        int r = random.nextInt(100);
        if (r < 10) {
            return 0;
        } else if (r < 75) {
            return 1 + random.nextInt(8);
        } else if (r < 95) {
            return random.nextInt(64);
        } else if (r < 99) {
            return random.nextInt(600);
        }
        return random.nextInt(5000);
    }

    /** An argument of {@code length} bytes, from an alphabet picked at random. */
    static String randomArg(Random random, int length) {
        String alphabet = Fuzz.pick(random, "abcdefghijklmnopqrstuvwxyz0123456789:_-{}", "\r\n*$:+-0123456789 \"'\\x\0\t",
                "ab \"'\\", null);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet == null ? (char) random.nextInt(256) : alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    /**
     * An inline line for {@code args}: each argument bare, "double quoted" (bytes raw or escaped
     * in any of the ways sdssplitargs undoes) or 'single quoted', whichever its bytes allow;
     * blanks between them of any kind sdssplitargs skips; CRLF or LF.
     */
    static String inline(List<String> args, Random random) {
        StringBuilder line = new StringBuilder(blanks(random, true));
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                line.append(separator(random));
            }
            String arg = args.get(i);
            List<Integer> forms = new ArrayList<>(List.of(1, 1, 1)); // double quotes always work
            if (!arg.isEmpty() && arg.chars().noneMatch(c -> RequestModel.isSpace((char) c) || c == '"' || c == '\'' || c == 0)) {
                forms.addAll(List.of(0, 0, 0));
            }
            if (arg.indexOf('\0') < 0 && arg.indexOf('\n') < 0 && !arg.endsWith("\\")) {
                forms.add(2);
            }
            switch (forms.get(random.nextInt(forms.size()))) {
                case 0 -> line.append(arg);
                case 1 -> line.append(doubleQuoted(arg, random));
                default -> line.append('\'').append(arg.replace("'", "\\'")).append('\'');
            }
        }
        if (random.nextBoolean()) {
            line.append(separator(random));
        }
        if (random.nextInt(20) == 0) { // sdssplitargs stops at a NUL: the rest of the line is ignored
            line.append('\0').append(randomArg(random, random.nextInt(10)).replace('\n', ' '));
        }
        if (line.length() > 0 && line.charAt(0) == '*') {
            line.insert(0, ' '); // would start a multibulk
        }
        return line.append(random.nextBoolean() ? "\r\n" : "\n").toString();
    }

    private static String doubleQuoted(String arg, Random random) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            int how = random.nextInt(4);
            if (c == '"' || c == '\\') {
                sb.append(how == 0 ? String.format("\\x%02x", (int) c) : "\\" + c);
            } else if (how == 0 || c == 0 || c == '\n') {
                String named = switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case 7 -> "\\a";
                    default -> null;
                };
                String hex = String.format(random.nextBoolean() ? "\\x%02x" : "\\x%02X", (int) c);
                sb.append(named != null && random.nextBoolean() ? named : hex);
            } else if (how == 1 && "nrtbax".indexOf(c) < 0) {
                sb.append('\\').append(c); // backslash-anything stands for the char itself
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Blanks before the first argument: anything isspace() accepts but LF. */
    private static String blanks(Random random, boolean mayBeEmpty) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(3) + (mayBeEmpty ? 0 : 1); n > 0; n--) {
            sb.append(Fuzz.pick(random, ' ', ' ', '\t', '\r', '\u000b', '\f'));
        }
        return sb.toString();
    }

    /** Between arguments: a char that ends a bare word (space, tab, CR), then any blanks. */
    private static String separator(Random random) {
        return Fuzz.pick(random, " ", " ", "\t", "\r") + (random.nextInt(4) == 0 ? blanks(random, true) : "");
    }
}
