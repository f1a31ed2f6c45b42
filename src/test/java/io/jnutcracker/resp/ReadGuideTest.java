package io.jnutcracker.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.memcache.McReplyDecoder;
import io.jnutcracker.memcache.McRequestDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What each decoder says a frame still needs, fed every prefix of a frame ending in a large value:
 * never more than the rest of the frame (a guided read never reads into the next one), and exactly
 * the rest once the value's length is known.
 */
class ReadGuideTest {
    private static final String VALUE = "v".repeat(5000);

    @Test
    void redisRequest() {
        check(RequestDecoder::new, "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5000\r\n", VALUE + "\r\n");
    }

    @Test
    void redisReply() {
        check(ReplyDecoder::new, "$5000\r\n", VALUE + "\r\n");
    }

    @Test
    void memcachedRequest() {
        check(() -> new McRequestDecoder(1 << 20), "set key 0 0 5000\r\n", VALUE + "\r\n");
    }

    @Test
    void memcachedReply() {
        check(McReplyDecoder::new, "VALUE key 0 5000\r\n", VALUE + "\r\nEND\r\n");
    }

    @Test
    void nothingIsAwaitedBetweenFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder());
        channel.writeInbound(Unpooled.copiedBuffer("*1\r\n$4\r\nPING\r\n", StandardCharsets.US_ASCII));
        assertThat(((ReadGuide) channel.pipeline().first()).bytesAwaited()).isZero();
        ReferenceCountUtil.release(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    /** Feeds every prefix of header + tail (one channel per prefix) and checks the decoder's answer. */
    private static void check(Supplier<ChannelHandler> decoder, String header, String tail) {
        String wire = header + tail;
        // The memcached reply's END line is not part of the value: only the value's rest is known.
        int valueEnd = header.length() + VALUE.length() + 2;
        for (int k = 1; k < valueEnd; k++) {
            ChannelHandler handler = decoder.get();
            EmbeddedChannel channel = new EmbeddedChannel(handler);
            channel.writeInbound(Unpooled.copiedBuffer(wire.substring(0, k), StandardCharsets.US_ASCII));
            int awaited = ((ReadGuide) handler).bytesAwaited();
            assertThat(awaited).as("prefix %d", k).isLessThanOrEqualTo(wire.length() - k);
            if (k >= header.length()) {
                assertThat(awaited).as("prefix %d", k).isEqualTo(valueEnd - k);
            }
            channel.finishAndReleaseAll();
        }
    }
}
