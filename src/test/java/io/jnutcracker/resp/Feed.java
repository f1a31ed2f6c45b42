package io.jnutcracker.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCounted;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Feeds bytes to a decoder in an EmbeddedChannel, cut into pieces, and checks the buffer
 * bookkeeping: every emitted message holds exactly one reference until released, and once
 * everything is released and the channel closed, every input buffer is freed (so no slice,
 * cumulation or inline frame outlived its owner).
 */
final class Feed {
    /**
     * What came out: each message described by the test's function, the bytes left buffered, and
     * the exceptions the writes raised (as "SimpleClassName: message").
     */
    record Result(List<String> messages, int buffered, List<String> errors) {
    }

    private Feed() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(ByteBuf buf) {
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** Cut plans: whole, byte by byte, and in two at every position. */
    static List<int[]> everyCut(int length) {
        List<int[]> plans = new ArrayList<>();
        plans.add(new int[0]);
        int[] bytewise = new int[Math.max(length - 1, 0)];
        for (int i = 1; i < length; i++) {
            bytewise[i - 1] = i;
            plans.add(new int[] {i});
        }
        plans.add(bytewise);
        return plans;
    }

    /**
     * Cut plans for long inputs: whole, {@code n} random cuttings, and byte by byte (or, above
     * 20 KB, every 1021 bytes: paranoid leak detection records a stack trace per buffer access).
     */
    static List<int[]> someCuts(int length, int n, Random random) {
        List<int[]> plans = new ArrayList<>();
        plans.add(new int[0]);
        int step = length <= 20_000 ? 1 : 1021;
        plans.add(java.util.stream.IntStream.iterate(step, i -> i < length, i -> i + step).toArray());
        for (int k = 0; k < n; k++) {
            plans.add(randomCuts(length, random));
        }
        return plans;
    }

    static int[] randomCuts(int length, Random random) {
        return random.ints(1 + random.nextInt(8), 1, Math.max(length, 2)).sorted().distinct()
                .filter(c -> c < length).toArray();
    }

    /**
     * Writes {@code input} cut at {@code cuts} (sorted positions), each piece in its own buffer, keeps every message until the end (so slices pin the cumulation while it grows),
     * then describes, releases and closes.
     */
    static <D extends ByteToMessageDecoder> Result run(Supplier<D> factory, ToIntFunction<D> buffered,
            byte[] input, int[] cuts, Function<Object, String> describe) {
        D decoder = factory.get();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<ByteBuf> pieces = new ArrayList<>();
        List<Object> received = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int end = i < cuts.length ? cuts[i] : input.length;
            // Unpooled, so a freed piece is never recycled into a live buffer and refCnt() stays
            // meaningful; still leak-tracked. Cumulations the decoder grows come from the
            // channel's pooled allocator, so pooled slices are covered too.
            ByteBuf piece = UnpooledByteBufAllocator.DEFAULT.directBuffer(end - start);
            piece.writeBytes(input, start, end - start);
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
        for (Object m : received) {
            messages.add(describe.apply(m));
            if (m instanceof ReferenceCounted counted) {
                assertThat(counted.refCnt()).as("references held by %s", m).isPositive();
                counted.release();
            }
        }
        assertThat(channel.finish()).as("nothing more decoded at close").isFalse();
        // Slices of an unpooled buffer share its count (with the decoder's cumulation too), so
        // only once all is released and the channel closed must every count be zero.
        for (Object m : received) {
            if (m instanceof ReferenceCounted counted) {
                assertThat(counted.refCnt()).as("%s released", m).isZero();
            }
        }
        for (ByteBuf piece : pieces) {
            assertThat(piece.refCnt()).as("input buffer freed").isZero();
        }
        return new Result(messages, left, errors);
    }
}
