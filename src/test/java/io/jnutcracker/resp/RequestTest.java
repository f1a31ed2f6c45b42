package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static io.jnutcracker.resp.Feed.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Request accessors, as a handler uses them. */
@ExtendWith(LeakCheck.class)
class RequestTest {
    private static final byte[] GET = bytes("GET");

    static Request decodeOne(String input) {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder());
        channel.writeInbound(Unpooled.directBuffer().writeBytes(bytes(input)));
        Request request = channel.readInbound();
        assertThat(channel.finish()).isFalse();
        return request;
    }

    @Test
    void comparesArgumentsIgnoringAsciiCase() {
        Request request = decodeOne("*3\r\n$3\r\ngEt\r\n$1\r\n{\r\n$2\r\nGE\r\n");
        try {
            assertThat(request.argIs(0, GET)).isTrue();
            assertThat(request.argIs(2, GET)).isFalse(); // shorter
            assertThat(request.argIs(0, bytes("GE"))).isFalse();
            assertThat(request.argIs(1, bytes("["))).isFalse(); // only a-z fold ('{' - 32 == '[')
            assertThat(request.argIs(1, bytes("{"))).isTrue();
        } finally {
            request.release();
        }
    }

    @Test
    void locatesArgumentsInTheFrame() {
        String frame = "*2\r\n$3\r\nGET\r\n$3\r\nk\u00e9y\r\n";
        Request request = decodeOne(frame);
        try {
            assertThat(request.argc()).isEqualTo(2);
            assertThat(request.frameLength()).isEqualTo(frame.length());
            assertThat(request.argOffset(0)).isEqualTo(8);
            assertThat(request.argLength(0)).isEqualTo(3);
            assertThat(request.argOffset(1)).isEqualTo(17);
            assertThat(request.argString(1)).isEqualTo("k\u00e9y");
            assertThat(text(request.arg(1))).isEqualTo("k\u00e9y");
            assertThatThrownBy(() -> request.argOffset(2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> request.arg(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        } finally {
            request.release();
        }
    }

    @Test
    void forwardsTheFrameAndKeepsTheArgumentsWhenRetained() {
        Request request = decodeOne("*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n");
        EmbeddedChannel backend = new EmbeddedChannel();
        request.retain(); // one reference for the write, one for us
        backend.writeOutbound(request.frame());
        Object sent = backend.readOutbound();
        assertThat(text((io.netty.buffer.ByteBuf) sent)).isEqualTo("*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n");
        ReferenceCountUtil.release(sent); // what the transport does after writing
        // Offsets are absolute in the frame: still right after its reader index moved.
        request.frame().skipBytes(5);
        assertThat(request.argString(1)).isEqualTo("foo");
        assertThat(request.release()).isTrue();
        assertThat(request.refCnt()).isZero();
        assertThat(backend.finish()).isFalse();
    }

    @Test
    void encodesInlineCommandsIntoTheirOwnBuffer() {
        Request request = decodeOne("set 'a b' \"c\\x00\"\r\n");
        try {
            assertThat(text(request.frame())).isEqualTo("*3\r\n$3\r\nset\r\n$3\r\na b\r\n$2\r\nc\0\r\n");
            assertThat(request.argString(2)).isEqualTo("c\0");
        } finally {
            request.release();
        }
        assertThat(request.refCnt()).isZero();
    }
}
