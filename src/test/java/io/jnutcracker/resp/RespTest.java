package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static io.jnutcracker.resp.Feed.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class RespTest {

    static String written(Consumer<ByteBuf> writer) {
        ByteBuf out = Unpooled.buffer(4);
        writer.accept(out);
        return text(out);
    }

    @Test
    void writesHeadersCachedOrNot() {
        assertThat(written(b -> Resp.writeArrayHeader(b, 0))).isEqualTo("*0\r\n");
        assertThat(written(b -> Resp.writeArrayHeader(b, 1023))).isEqualTo("*1023\r\n");
        assertThat(written(b -> Resp.writeArrayHeader(b, 1024))).isEqualTo("*1024\r\n");
        assertThat(written(b -> Resp.writeArrayHeader(b, 1_234_567))).isEqualTo("*1234567\r\n");
        assertThat(written(b -> Resp.writeArrayHeader(b, -1))).isEqualTo("*-1\r\n");
        assertThat(written(b -> Resp.writeBulkHeader(b, 7))).isEqualTo("$7\r\n");
        assertThat(written(b -> Resp.writeBulkHeader(b, 70_000))).isEqualTo("$70000\r\n");
    }

    @Test
    void writesIntegers() {
        assertThat(written(b -> Resp.writeInteger(b, 0))).isEqualTo(":0\r\n");
        assertThat(written(b -> Resp.writeInteger(b, 1023))).isEqualTo(":1023\r\n");
        assertThat(written(b -> Resp.writeInteger(b, 1024))).isEqualTo(":1024\r\n");
        assertThat(written(b -> Resp.writeInteger(b, -1))).isEqualTo(":-1\r\n");
        assertThat(written(b -> Resp.writeInteger(b, Long.MAX_VALUE))).isEqualTo(":9223372036854775807\r\n");
        assertThat(written(b -> Resp.writeInteger(b, Long.MIN_VALUE))).isEqualTo(":-9223372036854775808\r\n");
    }

    @Test
    void writesBulksWithoutConsumingTheSource() {
        ByteBuf value = Unpooled.copiedBuffer(bytes("xxfoo"));
        value.skipBytes(2);
        assertThat(written(b -> Resp.writeBulk(b, value))).isEqualTo("$3\r\nfoo\r\n");
        assertThat(value.readerIndex()).isEqualTo(2);
        assertThat(written(b -> Resp.writeBulk(b, bytes("")))).isEqualTo("$0\r\n\r\n");
        assertThat(written(b -> Resp.writeBulk(b, bytes("a\r\nb")))).isEqualTo("$4\r\na\r\nb\r\n");
        assertThat(written(Resp::writeNullBulk)).isEqualTo("$-1\r\n");
    }

    @Test
    void writesErrorsOnOneLine() {
        ByteBuf error = Resp.error(ByteBufAllocator.DEFAULT, "ERR bad\r\nthing \u00e9\u20ac");
        assertThat(error.refCnt()).isEqualTo(1);
        assertThat(text(error)).isEqualTo("-ERR bad  thing \u00e9?\r\n");
        assertThat(error.release()).isTrue();

        ByteBuf reply = new RequestError("Protocol error: invalid bulk length").reply(ByteBufAllocator.DEFAULT);
        assertThat(text(reply)).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
        reply.release();
    }

    @Test
    void cannedRepliesAreIndependentUnreleasableViews() {
        assertThat(text(CannedReply.OK.buffer())).isEqualTo("+OK\r\n");
        assertThat(text(CannedReply.PONG.buffer())).isEqualTo("+PONG\r\n");
        assertThat(text(CannedReply.NULL_BULK.buffer())).isEqualTo("$-1\r\n");
        assertThat(CannedReply.AUTH_REQUIRED.length()).isEqualTo("-NOAUTH Authentication required\r\n".length());

        ByteBuf a = CannedReply.OK.buffer();
        ByteBuf b = CannedReply.OK.buffer();
        a.skipBytes(3);
        assertThat(b.readableBytes()).isEqualTo(5);
        assertThat(a.release()).isFalse();
        assertThat(CannedReply.OK.buffer().refCnt()).isEqualTo(1);

        // What a handler does: write a fresh view per reply; the channel releases each.
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.writeOutbound(CannedReply.PONG.buffer(), CannedReply.PONG.buffer());
        for (int i = 0; i < 2; i++) {
            ByteBuf sent = channel.readOutbound();
            assertThat(text(sent)).isEqualTo("+PONG\r\n");
            sent.release();
        }
        assertThat(channel.finish()).isFalse();
        assertThat(written(CannedReply.EMPTY_ARRAY::writeTo)).isEqualTo("*0\r\n");
    }

    @Test
    void parsesNumbersAsString2ll() {
        String[] valid = {"0", "7", "-7", "1024", "9223372036854775807", "-9223372036854775807"};
        for (String s : valid) {
            ByteBuf buf = Unpooled.copiedBuffer(bytes(s));
            assertThat(AsciiNumbers.parse(buf, 0, buf.writerIndex())).as(s).isEqualTo(Long.parseLong(s));
        }
        String[] invalid = {"", "-", "-0", "01", "+1", " 1", "1 ", "1a", "9223372036854775808",
            "99999999999999999999", "-9223372036854775809"};
        for (String s : invalid) {
            ByteBuf buf = Unpooled.copiedBuffer(bytes(s));
            assertThat(AsciiNumbers.parse(buf, 0, buf.writerIndex())).as(s).isEqualTo(AsciiNumbers.INVALID);
        }
    }

    @Test
    void looksTypesUpByMarker() {
        for (RespType type : RespType.values()) {
            assertThat(RespType.fromMarker(type.marker())).isSameAs(type);
        }
        assertThat(RespType.fromMarker((byte) 'x')).isNull();
        assertThat(RespType.fromMarker((byte) 0xff)).isNull();
        assertThat(RespType.ARRAY.isAggregate()).isTrue();
        assertThat(RespType.BULK_STRING.isAggregate()).isFalse();
    }
}
