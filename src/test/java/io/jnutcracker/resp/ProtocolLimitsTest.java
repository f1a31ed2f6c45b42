package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis's limits at their exact boundaries, and the nonsense a header can hold, for both decoders.
 * Sizes are checked without sending them: a header that claims too much is refused as soon as its
 * line is complete, and one that claims the most allowed makes the decoder allocate nothing of
 * that size up front ({@link TrackingAllocator}).
 */
@ExtendWith(LeakCheck.class)
class ProtocolLimitsTest {
    private static final String PING = RequestDecoderTest.resp("PING");
    private static final int MB = 1024 * 1024;

    /** A decoder on a channel whose every buffer comes from {@code alloc}. */
    private static EmbeddedChannel channel(ByteToMessageDecoder decoder, TrackingAllocator alloc) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(decoder);
        return channel;
    }

    /** Writes {@code text}; returns what came out of it, described, then the exception it raised if any. */
    private static List<String> write(EmbeddedChannel channel, TrackingAllocator alloc, String text) {
        ByteBuf piece = alloc.heapBuffer(text.length());
        piece.writeBytes(bytes(text));
        String exception = null;
        try {
            channel.writeInbound(piece);
        } catch (RuntimeException e) {
            exception = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        List<String> out = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            out.add(m instanceof RequestError e ? "ERROR " + e.message() : m.toString());
            ReferenceCountUtil.release(m);
        }
        if (exception != null) {
            out.add(exception);
        }
        return out;
    }

    /**
     * PING, the bad bytes, PING: the first PING then the error, whole, at every cut and byte by
     * byte (some cuts for long input). Leak detector off, every buffer counted instead.
     */
    private static void requestError(String bad, String message) {
        byte[] in = bytes(PING + bad + PING);
        Fuzz.withoutLeakDetector(() -> {
            for (int[] cuts : cuts(in.length)) {
                Feed.Result result = Fuzz.decode(RequestDecoder::new, RequestDecoder::bufferedBytes, in, cuts,
                        RequestDecoderTest::describe, true, new Random(cuts.length));
                assertThat(result.messages()).as("%s cut at %s", Fuzz.escape(bad), Arrays.toString(cuts))
                        .containsExactly("[PING]", "ERROR Protocol error: " + message);
                assertThat(result.errors()).isEmpty();
                assertThat(result.buffered()).isZero();
            }
        });
    }

    /** +OK, the bad bytes, :1: the +OK, then one ProtocolException, as {@link #requestError} feeds them. */
    private static void replyGarbage(String bad, String message) {
        byte[] in = bytes("+OK\r\n" + bad + ":1\r\n");
        Fuzz.withoutLeakDetector(() -> {
            for (int[] cuts : cuts(in.length)) {
                Feed.Result result = Fuzz.decode(ReplyDecoder::new, ReplyDecoder::bufferedBytes, in, cuts,
                        ReplyDecoderTest::describe, true, new Random(cuts.length));
                assertThat(result.messages()).as("%s cut at %s", Fuzz.escape(bad), Arrays.toString(cuts))
                        .containsExactly("SIMPLE_STRING +OK\r\n");
                assertThat(result.errors()).containsExactly("ProtocolException: " + message);
                assertThat(result.buffered()).isZero();
            }
        });
    }

    private static List<int[]> cuts(int length) {
        return length < 1000 ? Feed.everyCut(length) : Feed.someCuts(length, 5, new Random(length));
    }

    private static void close(EmbeddedChannel channel, TrackingAllocator alloc) {
        assertThat(channel.finish()).isFalse();
        assertThat(alloc.unreleased()).isEmpty();
    }

    // ---- bulk length: 512 MB ----

    @Test
    void refusesABulkOf512MBPlusOneAtOnce() {
        for (String prefix : List.of("*1\r\n", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n")) {
            TrackingAllocator alloc = new TrackingAllocator();
            EmbeddedChannel channel = channel(new RequestDecoder(), alloc);
            assertThat(write(channel, alloc, PING + prefix + "$536870913")).containsExactly("Request(argc=1, frameLength=14)");
            assertThat(write(channel, alloc, "\r")).isEmpty();
            // The line is complete: refused now, before a byte of payload.
            assertThat(write(channel, alloc, "\n")).containsExactly("ERROR Protocol error: invalid bulk length");
            assertThat(write(channel, alloc, "x".repeat(10_000) + "\r\n" + PING)).isEmpty();
            assertThat(alloc.largestRequest()).isLessThan(64 * 1024);
            assertThat(alloc.largestLiveCapacity()).isLessThan(64 * 1024);
            close(channel, alloc);
        }
    }

    @Test
    void waitsForABulkOfExactly512MBWithoutAllocatingIt() {
        TrackingAllocator alloc = new TrackingAllocator();
        RequestDecoder decoder = new RequestDecoder();
        EmbeddedChannel channel = channel(decoder, alloc);
        String header = "*1\r\n$536870912\r\n";
        assertThat(write(channel, alloc, header)).isEmpty();
        String chunk = "x".repeat(64 * 1024);
        for (int i = 0; i < 64; i++) { // 4 MB of the payload
            assertThat(write(channel, alloc, chunk)).isEmpty();
        }
        assertThat(decoder.bufferedBytes()).isEqualTo(header.length() + 4 * MB);
        // What arrived is chained as it arrived (Chain): nothing is allocated for what was announced,
        // and no buffer grows with the value (the merge cumulator doubled one up to 8 MB here).
        assertThat(alloc.largestLiveCapacity()).isLessThanOrEqualTo(Chain.COPY_LIMIT + 64 * 1024 * 2);
        assertThat(alloc.largestRequest()).isLessThanOrEqualTo(Chain.COPY_LIMIT + 64 * 1024 * 2);
        close(channel, alloc);
    }

    @Test
    void allocatesNothingForLargeReplyHeadersAndRefusesFramesOver2GBAtOnce() {
        for (String header : List.of("$1000000000\r\n", "*2000000000\r\n", "%1000000000\r\n")) {
            TrackingAllocator alloc = new TrackingAllocator();
            EmbeddedChannel channel = channel(new ReplyDecoder(), alloc);
            assertThat(write(channel, alloc, header + "$3\r\nabc\r\n")).isEmpty(); // legal, waiting for more
            assertThat(alloc.largestLiveCapacity()).isLessThan(64 * 1024);
            close(channel, alloc);
        }
        // A frame must fit a ByteBuf: refused as soon as the header line is complete.
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(new ReplyDecoder(), alloc);
        assertThat(write(channel, alloc, "+OK\r\n$2147483640\r")).containsExactly("Reply(SIMPLE_STRING, frameLength=5)");
        assertThat(write(channel, alloc, "\n")).containsExactly("ProtocolException: invalid bulk length in reply");
        assertThat(write(channel, alloc, "x".repeat(1000))).isEmpty();
        close(channel, alloc);
    }

    // ---- multibulk count: 1,048,576 arguments ----

    @Test
    void decodesExactly1048576ArgumentsAndRefusesOneMore() {
        Fuzz.withoutLeakDetector(() -> {
            int max = RequestDecoder.MAX_MULTIBULK_LENGTH;
            TrackingAllocator alloc = new TrackingAllocator();
            EmbeddedChannel channel = channel(new RequestDecoder(), alloc);
            ByteBuf input = alloc.heapBuffer();
            input.writeBytes(bytes("*" + max + "\r\n"));
            for (int i = 0; i < max; i++) {
                input.writeBytes(bytes("$1\r\n" + (char) ('a' + i % 26) + "\r\n"));
            }
            int length = input.readableBytes();
            channel.writeInbound(input);
            Request request = channel.readInbound();
            try {
                assertThat(request.argc()).isEqualTo(max);
                assertThat(request.frameLength()).isEqualTo(length);
                assertThat(request.argString(max - 1)).isEqualTo(String.valueOf((char) ('a' + (max - 1) % 26)));
                assertThat(request.argOffset(max - 1)).isEqualTo(length - 3);
            } finally {
                request.release();
            }
            close(channel, alloc);
        });
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(new RequestDecoder(), alloc);
        assertThat(write(channel, alloc, "*1048577\r\n")).containsExactly("ERROR Protocol error: invalid multibulk length");
        close(channel, alloc);
    }

    // ---- line lengths: 64 KB ----

    @Test
    void refusesAnInlineLineOnceItPasses64KB() {
        TrackingAllocator alloc = new TrackingAllocator();
        RequestDecoder decoder = new RequestDecoder();
        EmbeddedChannel channel = channel(decoder, alloc);
        assertThat(write(channel, alloc, "a".repeat(RequestDecoder.MAX_INLINE_LENGTH))).isEmpty();
        assertThat(decoder.bufferedBytes()).isEqualTo(RequestDecoder.MAX_INLINE_LENGTH); // still a possible line
        assertThat(write(channel, alloc, "a")).containsExactly("ERROR Protocol error: too big inline request");
        assertThat(write(channel, alloc, "\r\n" + PING)).isEmpty();
        close(channel, alloc);
    }

    @Test
    void judgesHeaderLinesUpTo64KB() {
        int limit = RequestDecoder.MAX_INLINE_LENGTH;
        // The CR at offset 64 KB from the marker is still found (and the number judged); one further is too far.
        requestError("*" + "1".repeat(limit - 1) + "\r\n", "invalid multibulk length");
        requestError("*" + "1".repeat(limit) + "\r\n", "too big mbulk count string");
        requestError("*1\r\n$" + "1".repeat(limit - 1) + "\r\n", "invalid bulk length");
        requestError("*1\r\n$" + "1".repeat(limit) + "\r\n", "too big bulk count string");
    }

    @Test
    void judgesReplyLengthLinesUpTo64KB() {
        int limit = ReplyDecoder.MAX_HEADER_LENGTH;
        // Type byte and number within 64 KB - 1 bytes: judged. One more: too long.
        replyGarbage(":" + "1".repeat(limit - 2) + "\r\n", "invalid integer reply");
        replyGarbage(":" + "1".repeat(limit - 1) + "\r\n", "reply header line too long");
        replyGarbage("$" + "0".repeat(limit - 2) + "\r\n", "invalid bulk length in reply");
        replyGarbage("*" + "0".repeat(limit - 1) + "\r\n", "reply header line too long");
    }

    // ---- nonsense in headers ----

    /** What string2ll refuses, and numbers past the limits or past a long. */
    private static final List<String> NOT_A_LENGTH = List.of(
            "", "-", "-0", "00", "01", "007", "+1", "+0", " 1", "1 ", "1\t", "abc", "1a", "0x10", "1e3", "1.0",
            "\u00bd", "\0", "1\0", "9223372036854775808", "18446744073709551616", "99999999999999999999",
            "-9223372036854775809");

    @Test
    void refusesNonsenseInRequestHeaders() {
        for (String n : NOT_A_LENGTH) {
            requestError("*" + n + "\r\n" + PING, "invalid multibulk length");
            requestError("*1\r\n$" + n + "\r\nPING\r\n", "invalid bulk length");
        }
        for (String n : List.of("1048577", "2147483648", "9223372036854775807")) {
            requestError("*" + n + "\r\n", "invalid multibulk length");
        }
        for (String n : List.of("-1", "-2", "-9223372036854775808", "536870913", "2147483648", "9223372036854775807")) {
            requestError("*1\r\n$" + n + "\r\n", "invalid bulk length");
        }
        // Line ends: LF without CR, CR without LF, payload too long or too short for its length.
        requestError("*1\n$4\r\nPING\r\n", "invalid multibulk length");
        requestError("*1\r\r\n$4\r\nPING\r\n", "invalid multibulk length");
        requestError("*1\r\n$4\nPING\r\n", "invalid bulk length");
        requestError("*1\r\n$4\r\nPING\n", "invalid bulk length");
        requestError("*1\r\n$4\r\nPINGS\r\n", "invalid bulk length");
        requestError("*1\r\n$4\r\nPIN\r\n", "invalid bulk length");
        requestError("*2\r\n$4\r\nPING\r\n\r\n", "expected '$', got '\r'");
        requestError("*1\r\n4\r\nPING\r\n", "expected '$', got '4'");
    }

    @Test
    void refusesNonsenseInReplyHeaders() {
        for (String n : NOT_A_LENGTH) {
            replyGarbage("$" + n + "\r\n", "invalid bulk length in reply");
            replyGarbage("*" + n + "\r\n", "invalid multibulk length in reply");
            replyGarbage("%" + n + "\r\n", "invalid multibulk length in reply");
            replyGarbage(":" + n + "\r\n", "invalid integer reply");
        }
        for (String n : List.of("-2", "-9223372036854775808", "2147483640", "9223372036854775807")) {
            replyGarbage("$" + n + "\r\n", "invalid bulk length in reply");
        }
        for (String n : List.of("-2", "-9223372036854775808", "2147483647", "9223372036854775807")) {
            replyGarbage("*" + n + "\r\n", "invalid multibulk length in reply");
        }
        replyGarbage("$3\r\nfoo\n", "bulk payload not followed by CRLF in reply");
        replyGarbage("$3\r\nfo\r\n", "bulk payload not followed by CRLF in reply");
        replyGarbage("$3\nfoo\r\n", "invalid bulk length in reply");
        replyGarbage("*1\r\r\n", "CR not followed by LF in reply");
        replyGarbage("+OK\r+OK\r\n", "CR not followed by LF in reply");
        replyGarbage("*1\r\n\r\n", "unknown reply type byte 0x0d");
        replyGarbage("\0", "unknown reply type byte 0x00");
        replyGarbage("\u00ff", "unknown reply type byte 0xff");
    }

    /** The proxy's own value limit (its memory budget): at the limit accepted, one byte past refused in words. */
    @Test
    void aValueAtTheBudgetLimitPassesAndOneBytePastIsRefusedAsTooLarge() {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(new RequestDecoder(RequestDecoder.MAX_MULTIBULK_LENGTH, 1000), alloc);
        assertThat(write(channel, alloc, "*2\r\n$4\r\nECHO\r\n$1000\r\n" + "x".repeat(1000) + "\r\n"))
                .containsExactly("Request(argc=2, frameLength=1023)");
        assertThat(write(channel, alloc, "*2\r\n$4\r\nECHO\r\n$1001\r\n")).containsExactly(
                "ERROR Protocol error: request too large: a value of 1001 bytes is over the proxy's limit of 1000 bytes"
                        + " (its memory budget)");
        close(channel, alloc);
    }
}
