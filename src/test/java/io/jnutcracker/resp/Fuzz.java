package io.jnutcracker.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCounted;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Shared machinery of the decoder fuzz tests: the seed and the number of cases, a runner that
 * names the seed and the failing input, cut plans, mutations, and a harness that decodes one
 * input cut into pieces with exact buffer accounting.
 *
 * <p>{@code -Djn.fuzz.seed=N} replays a run (every failure prints its seed; without the flag each
 * run draws a new one). {@code -Djn.fuzz.cases=N} sets how many decode runs the whole fuzz suite
 * does (default {@link #DEFAULT_CASES}); each test takes a fixed share of it.
 */
final class Fuzz {
    /** Decode runs of the whole fuzz suite by default: about 30 s of CPU. */
    static final int DEFAULT_CASES = 110_000;
    static final long SEED = Long.getLong("jn.fuzz.seed", new Random().nextLong());
    static final long CASES = Long.getLong("jn.fuzz.cases", DEFAULT_CASES);

    /** Inputs up to this length are fed split at every byte: every two-piece cut, and byte by byte. */
    static final int SHORT = 48;

    private Fuzz() {
    }

    /** The number of decode runs for a test that takes {@code share} of the suite's cases. */
    static long budget(double share) {
        return Math.max(1, Math.round(CASES * share));
    }

    /** One input, generated from its own Random; returns the number of decode runs it made. */
    interface Case {
        int run(Random random, Context context);
    }

    /** What a case is doing, for the failure report. */
    static final class Context {
        String what = "";
        byte[] input = new byte[0];
        int[] cuts = new int[0];
    }

    /**
     * Runs cases until {@code budget} decode runs are done. A failure is rethrown with the seed
     * that replays it, the case number, and the input and cuts that failed.
     */
    static long run(String name, long budget, Case body) {
        long seed = SEED ^ name.hashCode() * 0x9E3779B97F4A7C15L;
        Random master = new Random(seed);
        long runs = 0;
        long bytes = 0;
        int inputs = 0;
        long started = System.nanoTime();
        while (runs < budget) {
            long caseSeed = master.nextLong();
            Context context = new Context();
            try {
                int made = body.run(new Random(caseSeed), context);
                runs += made;
                bytes += (long) made * context.input.length;
            } catch (Throwable t) {
                String report = "fuzz " + name + " failed at input #" + inputs + " (replay with -Djn.fuzz.seed=" + SEED
                        + ")\n  " + context.what + "\n  input (" + context.input.length + " bytes): "
                        + escape(context.input, 3000) + "\n  cuts: " + abbreviate(Arrays.toString(context.cuts), 600);
                System.err.println(report);
                throw new AssertionError(report + "\n" + t.getMessage(), t);
            }
            inputs++;
        }
        System.out.printf("fuzz %s: %d decode runs over %d inputs, %d KB fed, in %d ms (jn.fuzz.seed=%d)%n", name, runs,
                inputs, bytes / 1024, (System.nanoTime() - started) / 1_000_000, SEED);
        return runs;
    }

    /** Runs {@code body} with Netty's leak detector off; the caller checks buffers with a TrackingAllocator. */
    static void withoutLeakDetector(Runnable body) {
        withLeakDetection(ResourceLeakDetector.Level.DISABLED, body);
    }

    /** Runs {@code body} with paranoid leak detection, whatever the JVM was started with (see LeakCheck). */
    static void withParanoidLeakDetector(Runnable body) {
        withLeakDetection(ResourceLeakDetector.Level.PARANOID, body);
    }

    private static void withLeakDetection(ResourceLeakDetector.Level level, Runnable body) {
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(level);
        try {
            body.run();
        } finally {
            ResourceLeakDetector.setLevel(before);
        }
    }

    // ---- decoding harness ----

    /**
     * Writes {@code input} cut at {@code cuts} into a fresh decoder, each piece in its own buffer;
     * keeps every message until the end (so slices pin the cumulation while it grows), then
     * describes and releases them, closes the channel and checks that every buffer is freed.
     *
     * @param tracked true: all buffers (pieces, cumulations, inline frames) come from a
     *        {@link TrackingAllocator} and must all end with no reference. false: the channel's
     *        default pooled allocator and unpooled pieces, as in production, left to Netty's leak
     *        detector (see {@link LeakCheck}); the pieces' counts are still checked.
     */
    static <D extends ByteToMessageDecoder> Feed.Result decode(Supplier<D> factory, ToIntFunction<D> buffered,
            byte[] input, int[] cuts, Function<Object, String> describe, boolean tracked, Random random) {
        D decoder = factory.get();
        TrackingAllocator tracking = tracked ? new TrackingAllocator() : null;
        EmbeddedChannel channel = new EmbeddedChannel();
        if (tracked) {
            channel.config().setAllocator(tracking);
        }
        channel.pipeline().addLast(decoder);
        ByteBufAllocator pieceAlloc = tracked ? tracking : UnpooledByteBufAllocator.DEFAULT;
        boolean direct = random.nextInt(4) == 0;
        List<ByteBuf> pieces = new ArrayList<>();
        List<Object> received = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int end = i < cuts.length ? cuts[i] : input.length;
            int length = end - start;
            ByteBuf piece = direct ? pieceAlloc.directBuffer(length) : pieceAlloc.heapBuffer(length);
            piece.writeBytes(input, start, length);
            pieces.add(piece);
            try {
                channel.writeInbound(piece);
            } catch (RuntimeException e) {
                errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            for (Object m; (m = channel.readInbound()) != null; ) {
                received.add(m);
            }
            start = end;
        }
        int left = buffered.applyAsInt(decoder);
        List<String> messages = new ArrayList<>();
        try {
            for (Object m : received) {
                if (m instanceof ReferenceCounted counted) {
                    assertThat(counted.refCnt()).as("references held by %s", m).isPositive();
                }
                messages.add(describe.apply(m));
            }
        } finally {
            for (Object m : received) {
                if (m instanceof ReferenceCounted counted && counted.refCnt() > 0) {
                    counted.release();
                }
            }
        }
        try {
            assertThat(channel.finish()).as("nothing more decoded at close").isFalse();
        } catch (RuntimeException e) {
            errors.add("at close: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        for (ByteBuf piece : pieces) {
            assertThat(piece.refCnt()).as("input buffer freed").isZero();
        }
        if (tracked) {
            assertThat(tracking.unreleased()).as("buffers still referenced after release and close").isEmpty();
        }
        return new Feed.Result(messages, left, errors);
    }

    // ---- cut plans ----

    /**
     * Cut plans for one input: short inputs are split at every byte (whole, every two-piece cut,
     * byte by byte); longer ones whole, byte by byte (up to {@code bytewiseMax} bytes) and
     * {@code randomPlans} random cuttings, sparse or dense.
     */
    static List<int[]> plans(int length, Random random, int randomPlans, int bytewiseMax) {
        if (length <= SHORT) {
            return Feed.everyCut(length);
        }
        List<int[]> plans = new ArrayList<>();
        plans.add(new int[0]);
        if (length <= bytewiseMax) {
            plans.add(bytewise(length));
        }
        for (int k = 0; k < randomPlans; k++) {
            plans.add(randomCuts(length, random));
        }
        return plans;
    }

    /** One cut plan: none, byte by byte, a few random cuts, or many. */
    static int[] anyCuts(int length, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new int[0];
            case 1 -> length <= 4096 ? bytewise(length) : randomCuts(length, random);
            default -> randomCuts(length, random);
        };
    }

    static int[] bytewise(int length) {
        int[] cuts = new int[Math.max(length - 1, 0)];
        for (int i = 1; i < length; i++) {
            cuts[i - 1] = i;
        }
        return cuts;
    }

    /** Sorted distinct positions in (0, length): a few anywhere, or each position with some probability. */
    static int[] randomCuts(int length, Random random) {
        if (length >= 2 && random.nextInt(3) == 0) {
            double p = 0.02 + random.nextDouble() * 0.5;
            return java.util.stream.IntStream.range(1, length).filter(i -> random.nextDouble() < p).toArray();
        }
        return sparseCuts(length, random);
    }

    /** One to eight cuts anywhere. */
    static int[] sparseCuts(int length, Random random) {
        if (length < 2) {
            return new int[0];
        }
        return random.ints(1 + random.nextInt(8), 1, length).sorted().distinct().toArray();
    }

    // ---- mutations ----

    /** Bytes that steer a RESP parser into its interesting branches. */
    static final byte[] SPECIAL = Feed.bytes("\r\n*$+-:_#,(!=%~>|0123456789 \t\"'\\x\0\u000b\u000c\u00ff");

    /** Numbers at and around every boundary of the decoders, plus forms string2ll rejects. */
    static final String[] NUMBERS = {
        "0", "1", "2", "3", "-1", "-2", "-0", "00", "01", "+1", " 1", "1 ", "", "-", "1a", "0x10", "1e3",
        "10", "64", "65", "1024", "65536",
        "536870911", "536870912", "536870913", "1048575", "1048576", "1048577",
        "2147483646", "2147483647", "2147483648", "4294967296",
        "4611686018427387903", "4611686018427387904", "9223372036854775800", "9223372036854775806",
        "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
        "99999999999999999999", "999999999999999999999999",
        "-9223372036854775807", "-9223372036854775808", "-9223372036854775809", "-4611686018427387904",
    };

    /** Applies 1 to 4 random mutations to {@code input}. */
    static byte[] mutate(byte[] input, Random random) {
        byte[] b = input;
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            b = mutateOnce(b, random);
        }
        return b;
    }

    static byte[] mutateOnce(byte[] b, Random random) {
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        switch (random.nextInt(10)) {
            case 0: { // overwrite a byte with a special one
                if (b.length == 0) {
                    return new byte[] {special(random)};
                }
                byte[] c = b.clone();
                c[at] = special(random);
                return c;
            }
            case 1: { // overwrite a byte with any byte
                if (b.length == 0) {
                    return new byte[] {(byte) random.nextInt(256)};
                }
                byte[] c = b.clone();
                c[at] = (byte) random.nextInt(256);
                return c;
            }
            case 2: // insert a special byte
                return splice(b, at, 0, new byte[] {special(random)});
            case 3: { // delete a run
                int len = Math.min(b.length - at, 1 + random.nextInt(random.nextBoolean() ? 2 : 16));
                return splice(b, at, len, new byte[0]);
            }
            case 4: { // duplicate a run
                int len = Math.min(b.length - at, 1 + random.nextInt(32));
                return splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
            }
            case 5: // truncate
                return Arrays.copyOf(b, at);
            case 6: // drop a CR or an LF
            {
                for (int i = 0; i < b.length; i++) {
                    int j = (at + i) % b.length;
                    if (b[j] == '\r' || b[j] == '\n') {
                        return splice(b, j, 1, new byte[0]);
                    }
                }
                return b;
            }
            case 7: // insert a line ending or a header start
                return splice(b, at, 0, Feed.bytes(pick(random, "\r\n", "\r", "\n", "*", "$", "*1\r\n", "$0\r\n\r\n")));
            default: { // replace the number after a '*', '$' or ':' (or anywhere) with a boundary value
                int marker = -1;
                for (int i = 0; i < b.length; i++) {
                    int j = (at + i) % b.length;
                    if (b[j] == '*' || b[j] == '$' || b[j] == ':' || b[j] == '%' || b[j] == '!') {
                        marker = j;
                        break;
                    }
                }
                int from = marker < 0 ? at : marker + 1;
                int to = from;
                while (to < b.length && (b[to] == '-' || (b[to] >= '0' && b[to] <= '9'))) {
                    to++;
                }
                return splice(b, from, to - from, Feed.bytes(NUMBERS[random.nextInt(NUMBERS.length)]));
            }
        }
    }

    static byte special(Random random) {
        return SPECIAL[random.nextInt(SPECIAL.length)];
    }

    @SafeVarargs
    static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] c = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(insert, 0, c, at, insert.length);
        System.arraycopy(b, at + remove, c, at + insert.length, b.length - at - remove);
        return c;
    }

    /** Concatenates random picks from {@code tokens}, up to {@code maxTokens} of them. */
    static byte[] soup(Random random, String[] tokens, int maxTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = random.nextInt(maxTokens + 1); n > 0; n--) {
            String t = tokens[random.nextInt(tokens.length)];
            if (t.equals("#")) {
                t = NUMBERS[random.nextInt(NUMBERS.length)];
            } else if (t.equals("?")) {
                t = String.valueOf((char) random.nextInt(256));
            }
            out.writeBytes(Feed.bytes(t));
        }
        return out.toByteArray();
    }

    // ---- reporting ----

    /** The bytes as a Java string literal body, printable ASCII as is, cut after {@code max} bytes. */
    static String escape(byte[] b, int max) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(b.length, max); i++) {
            int c = b[i] & 0xFF;
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        sb.append('"');
        if (b.length > max) {
            sb.append("... (").append(b.length - max).append(" more bytes)");
        }
        return sb.toString();
    }

    static String escape(String s) {
        return escape(Feed.bytes(s), Integer.MAX_VALUE);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
