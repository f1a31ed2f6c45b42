package io.jnutcracker.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A large value crosses the decoders without being copied: the frame is a chain over the very
 * buffers the reads delivered, and those are released once the frame is.
 */
class ChainTest {
    private static final int READ = 64 * 1024;

    @Test
    void aLargeReplyIsAChainOfTheReadBuffersNotACopy() {
        byte[] payload = payload(300_000);
        byte[] wire = concat(("$" + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII), payload,
                "\r\n".getBytes(StandardCharsets.US_ASCII));
        assertReplyChainsTheReads(wire, cut(wire, READ));
    }

    @Test
    void aLargeRequestIsAChainOfTheReadBuffersNotACopy() {
        byte[] value = payload(1_000_000);
        byte[] wire = concat("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n".getBytes(StandardCharsets.US_ASCII),
                ("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII), value,
                "\r\n".getBytes(StandardCharsets.US_ASCII));
        List<ByteBuf> reads = cut(wire, 16 * 1024); // nutcracker's default mbuf size
        EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder());
        for (ByteBuf read : reads) {
            channel.writeInbound(read.retain());
        }
        Request request = channel.readInbound();
        assertThat(request.argString(1)).isEqualTo("key");
        assertThat(request.argLength(2)).isEqualTo(value.length);
        assertSharesEveryRead(request.frame(), reads);
        assertThat(ByteBufUtil.getBytes(request.frame())).isEqualTo(wire);
        request.release();
        assertThat(channel.finish()).isFalse();
        assertReleased(reads);
    }

    @Test
    void aSmallFrameSpanningTwoReadsIsOneFlatBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder());
        channel.writeInbound(Unpooled.copiedBuffer("+OK\r\n$5\r\nhel", StandardCharsets.US_ASCII));
        channel.writeInbound(Unpooled.copiedBuffer("lo\r\n", StandardCharsets.US_ASCII));
        Reply ok = channel.readInbound();
        Reply hello = channel.readInbound();
        assertThat(hello.frame()).isNotInstanceOf(CompositeByteBuf.class);
        assertThat(hello.frame().toString(StandardCharsets.US_ASCII)).isEqualTo("$5\r\nhello\r\n");
        ok.release();
        hello.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aLargeReadBehindASmallLeftoverIsChainedNotCopied() {
        byte[] payload = payload(200_000);
        byte[] header = ("$" + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] wire = concat(header, payload, "\r\n".getBytes(StandardCharsets.US_ASCII));
        // A short first read (the header and a little), then reads sized for the value (GuidedReads).
        List<ByteBuf> reads = new ArrayList<>();
        reads.add(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, 0, header.length + 100)));
        reads.addAll(cut(Arrays.copyOfRange(wire, header.length + 100, wire.length), 128 * 1024));
        assertReplyChainsTheReads(wire, reads);
    }

    /** {@code reads} (of {@code wire}, one reply) decode into one reply whose frame is a chain over them. */
    private static void assertReplyChainsTheReads(byte[] wire, List<ByteBuf> reads) {
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder());
        for (ByteBuf read : reads) {
            channel.writeInbound(read.retain()); // keep a reference to look at them afterwards
        }
        Reply reply = channel.readInbound();
        assertThat(reply.frameLength()).isEqualTo(wire.length);
        assertSharesEveryRead(reply.frame(), reads);
        assertThat(ByteBufUtil.getBytes(reply.frame())).isEqualTo(wire);
        reply.release();
        assertThat(channel.finish()).isFalse();
        assertReleased(reads);
    }

    @Test
    void aLargeReadBufferThatCameBackNearlyEmptyIsCopiedDownAndFreed() {
        byte[] payload = payload(100_000);
        byte[] wire = concat(("$" + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII), payload,
                "\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuf first = Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, 0, 16 * 1024));
        ByteBuf sparse = Unpooled.buffer(256 * 1024).writeBytes(wire, 16 * 1024, 1000); // 1000 of 256 KB
        ByteBuf rest = Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, 16 * 1024 + 1000, wire.length));
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder());
        channel.writeInbound(first.retain());
        channel.writeInbound(sparse.retain());
        assertThat(sparse.refCnt()).as("the sparse buffer is not pinned by the chain").isEqualTo(1);
        channel.writeInbound(rest.retain());
        Reply reply = channel.readInbound();
        assertThat(ByteBufUtil.getBytes(reply.frame())).isEqualTo(wire);
        reply.release();
        assertThat(channel.finish()).isFalse();
        assertReleased(List.of(first, sparse, rest));
    }

    @Test
    void aBuiltFrameCopiesSmallPiecesAndChainsLargeOnesAsTheReadsThemselves() {
        byte[] data = payload(3 * 16384);
        List<ByteBuf> reads = cut(data, 16384);
        CompositeByteBuf src = Unpooled.compositeBuffer();
        for (ByteBuf read : reads) {
            src.addComponent(true, read.retain());
        }
        Chain.Builder builder = Chain.builder(new UnpooledByteBufAllocator(false), 64);
        builder.flat().writeBytes("head".getBytes(StandardCharsets.US_ASCII));
        builder.add(src, 10, 20); // small: copied
        builder.add(src, 16000, 20000); // a value across the three reads: chained
        builder.add(src, 40000, 5);
        ByteBuf frame = builder.build();
        assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(concat("head".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOfRange(data, 10, 30), Arrays.copyOfRange(data, 16000, 36000), Arrays.copyOfRange(data, 40000, 40005)));
        assertSharesEveryRead(frame, reads);
        CompositeByteBuf chain = (CompositeByteBuf) frame;
        // Each component is a read's own memory, not a view of the source chain, which Netty would
        // count (and walk) as all of that chain's buffers at every write.
        assertThat(chain.nioBufferCount()).isEqualTo(chain.numComponents()).isEqualTo(5);
        frame.release();
        src.release();
        assertReleased(reads);
    }

    @Test
    void aBuiltFrameOfSmallPiecesIsOneFlatBuffer() {
        ByteBuf src = Unpooled.copiedBuffer("$3\r\nfoo\r\n$3\r\nbar\r\n", StandardCharsets.US_ASCII);
        Chain.Builder builder = Chain.builder(UnpooledByteBufAllocator.DEFAULT, 8);
        builder.flat().writeBytes("*2\r\n".getBytes(StandardCharsets.US_ASCII));
        builder.add(src, 9, 9).add(src, 0, 9);
        ByteBuf frame = builder.build();
        assertThat(frame).isNotInstanceOf(CompositeByteBuf.class);
        assertThat(frame.toString(StandardCharsets.US_ASCII)).isEqualTo("*2\r\n$3\r\nbar\r\n$3\r\nfoo\r\n");
        frame.release();
        assertThat(src.release()).isTrue();
    }

    /** Every read buffer's memory appears, by identity, among the frame's components. */
    private static void assertSharesEveryRead(ByteBuf frame, List<ByteBuf> reads) {
        assertThat(frame).isInstanceOf(CompositeByteBuf.class);
        Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        CompositeByteBuf chain = (CompositeByteBuf) frame;
        for (int i = 0; i < chain.numComponents(); i++) {
            arrays.add(chain.component(i).array());
        }
        for (ByteBuf read : reads) {
            assertThat(arrays).as("a read buffer was copied").contains(read.array());
        }
    }

    private static void assertReleased(List<ByteBuf> reads) {
        for (ByteBuf read : reads) {
            assertThat(read.refCnt()).isEqualTo(1); // only the test's own reference is left
            read.release();
        }
    }

    private static List<ByteBuf> cut(byte[] wire, int size) {
        List<ByteBuf> reads = new ArrayList<>();
        for (int from = 0; from < wire.length; from += size) {
            reads.add(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, from, Math.min(wire.length, from + size))));
        }
        return reads;
    }

    private static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

}
