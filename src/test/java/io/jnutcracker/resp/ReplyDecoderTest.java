package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static io.jnutcracker.resp.Feed.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class ReplyDecoderTest {

    /**
     * "TYPE frame", then " null" for null values, " count=N [elements]" for aggregates and
     * " =N" for integers, after checking the elements tile the frame after its header line.
     */
    static String describe(Object message) {
        Reply reply = (Reply) message;
        String frame = text(reply.frame());
        assertThat(reply.frame().readerIndex()).isZero();
        assertThat(reply.frameLength()).isEqualTo(frame.length());
        StringBuilder sb = new StringBuilder(reply.type().name()).append(' ').append(frame);
        if (reply.isNull()) {
            sb.append(" null");
        }
        if (reply.type().isAggregate()) {
            sb.append(" count=").append(reply.elementCount());
            List<String> elements = new ArrayList<>();
            for (int i = 0; i < reply.elementCount(); i++) {
                elements.add(text(reply.element(i)));
            }
            if (reply.elementCount() >= 0) {
                sb.append(' ').append(elements);
            }
            String header = frame.substring(0, frame.indexOf("\r\n") + 2);
            assertThat(header + String.join("", elements)).isEqualTo(frame);
        } else {
            assertThat(reply.elementCount()).isEqualTo(-1);
        }
        if (reply.type() == RespType.INTEGER) {
            sb.append(" =").append(reply.integer());
        }
        return sb.toString();
    }

    static Feed.Result run(byte[] input, int[] cuts) {
        return Feed.run(ReplyDecoder::new, ReplyDecoder::bufferedBytes, input, cuts, ReplyDecoderTest::describe);
    }

    static void expect(List<int[]> plans, String input, String... expected) {
        byte[] in = bytes(input);
        for (int[] cuts : plans) {
            Feed.Result result = run(in, cuts);
            assertThat(result.messages()).as("cuts %s", Arrays.toString(cuts)).containsExactly(expected);
            assertThat(result.buffered()).isZero();
            assertThat(result.errors()).isEmpty();
        }
    }

    static void expect(String input, String... expected) {
        expect(Feed.everyCut(input.length()), input, expected);
    }

    @Test
    void decodesEveryResp2Type() {
        expect("+OK\r\n-ERR no such key\r\n:0\r\n:-42\r\n$3\r\nfoo\r\n$0\r\n\r\n$-1\r\n*-1\r\n*0\r\n",
                "SIMPLE_STRING +OK\r\n",
                "ERROR -ERR no such key\r\n",
                "INTEGER :0\r\n =0",
                "INTEGER :-42\r\n =-42",
                "BULK_STRING $3\r\nfoo\r\n",
                "BULK_STRING $0\r\n\r\n",
                "BULK_STRING $-1\r\n null",
                "ARRAY *-1\r\n null count=-1",
                "ARRAY *0\r\n count=0 []");
    }

    @Test
    void decodesIntegerExtremes() {
        expect(":9223372036854775807\r\n:-9223372036854775808\r\n",
                "INTEGER :9223372036854775807\r\n =9223372036854775807",
                "INTEGER :-9223372036854775808\r\n =-9223372036854775808");
    }

    @Test
    void slicesTheElementsOfAnMgetReply() {
        expect("*4\r\n$3\r\nfoo\r\n$-1\r\n$0\r\n\r\n$5\r\na\r\nbc\r\n",
                "ARRAY *4\r\n$3\r\nfoo\r\n$-1\r\n$0\r\n\r\n$5\r\na\r\nbc\r\n count=4"
                        + " [$3\r\nfoo\r\n, $-1\r\n, $0\r\n\r\n, $5\r\na\r\nbc\r\n]");
    }

    @Test
    void slicesManyElements() {
        StringBuilder body = new StringBuilder();
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String e = i % 7 == 0 ? "$-1\r\n" : "$" + String.valueOf(i).length() + "\r\n" + i + "\r\n";
            elements.add(e);
            body.append(e);
        }
        String input = "*300\r\n" + body;
        expect(Feed.someCuts(input.length(), 20, new Random(9)), input,
                "ARRAY " + input + " count=300 " + elements);
    }

    @Test
    void decodesNestedArrays() {
        String scan = "*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n";
        String mixed = "*3\r\n*2\r\n:1\r\n*0\r\n*1\r\n*-1\r\n-ERR x\r\n";
        expect(scan + mixed,
                "ARRAY " + scan + " count=2 [$1\r\n0\r\n, *2\r\n$1\r\na\r\n$1\r\nb\r\n]",
                "ARRAY " + mixed + " count=3 [*2\r\n:1\r\n*0\r\n, *1\r\n*-1\r\n, -ERR x\r\n]");
    }

    @Test
    void decodesDeepNesting() {
        String input = "*1\r\n".repeat(2000) + ":7\r\n";
        String expected = "ARRAY " + input + " count=1 [" + input.substring(4) + "]";
        expect(Feed.someCuts(input.length(), 20, new Random(5)), input, expected);
    }

    @Test
    void decodesLargeBulksCutAnywhere() {
        String value = "v\r\n".repeat(3000);
        String bulk = "$" + value.length() + "\r\n" + value + "\r\n";
        expect(bulk + "+OK\r\n", "BULK_STRING " + bulk, "SIMPLE_STRING +OK\r\n");

        String big = "x".repeat(1 << 20);
        String bigBulk = "*2\r\n$" + big.length() + "\r\n" + big + "\r\n:1\r\n";
        expect(Feed.someCuts(bigBulk.length(), 20, new Random(6)), bigBulk,
                "ARRAY " + bigBulk + " count=2 [$" + big.length() + "\r\n" + big + "\r\n, :1\r\n]");
    }

    @Test
    void acceptsLongStatusLines() {
        String line = "+" + "s".repeat(100_000) + "\r\n";
        expect(Feed.someCuts(line.length(), 10, new Random(7)), line, "SIMPLE_STRING " + line);
    }

    @Test
    void toleratesResp3Types() {
        expect("_\r\n#t\r\n,1.5\r\n(12345678901234567890\r\n!3\r\nbad\r\n=7\r\ntxt:abc\r\n"
                        + "%1\r\n+k\r\n:1\r\n~1\r\n+m\r\n>2\r\n+message\r\n$1\r\nx\r\n",
                "NULL _\r\n null",
                "BOOLEAN #t\r\n",
                "DOUBLE ,1.5\r\n",
                "BIG_NUMBER (12345678901234567890\r\n",
                "BULK_ERROR !3\r\nbad\r\n",
                "VERBATIM_STRING =7\r\ntxt:abc\r\n",
                "MAP %1\r\n+k\r\n:1\r\n count=2 [+k\r\n, :1\r\n]",
                "SET ~1\r\n+m\r\n count=1 [+m\r\n]",
                "PUSH >2\r\n+message\r\n$1\r\nx\r\n count=2 [+message\r\n, $1\r\nx\r\n]");
    }

    /** The bad bytes after a good reply and before one that must be dropped: one exception, once. */
    static void expectGarbage(String bad, String message) {
        byte[] in = bytes("+OK\r\n" + bad + ":1\r\n");
        for (int[] cuts : Feed.everyCut(in.length)) {
            Feed.Result result = run(in, cuts);
            assertThat(result.messages()).as("cuts %s", Arrays.toString(cuts)).containsExactly("SIMPLE_STRING +OK\r\n");
            assertThat(result.errors()).containsExactly("ProtocolException: " + message);
            assertThat(result.buffered()).isZero();
        }
    }

    @Test
    void rejectsGarbage() {
        expectGarbage("?x\r\n", "unknown reply type byte 0x3f");
        expectGarbage("|1\r\n+a\r\n+b\r\n", "unknown reply type byte 0x7c"); // RESP3 attributes
        expectGarbage("$abc\r\n", "invalid bulk length in reply");
        expectGarbage("$-2\r\n", "invalid bulk length in reply");
        expectGarbage("!-1\r\n", "invalid bulk length in reply");
        expectGarbage("$01\r\n", "invalid bulk length in reply");
        expectGarbage("*-2\r\n", "invalid multibulk length in reply");
        expectGarbage("*x\r\n", "invalid multibulk length in reply");
        expectGarbage(":abc\r\n", "invalid integer reply");
        expectGarbage(":\r\n", "invalid integer reply");
        expectGarbage("+OK\rX", "CR not followed by LF in reply");
        expectGarbage("$3\r\nfooXY", "bulk payload not followed by CRLF in reply");
        expectGarbage("*2\r\n$1\r\nab\r\n", "bulk payload not followed by CRLF in reply");
    }

    @Test
    void rejectsLengthsThatOverflowALong() {
        // Regression (found by ReplyDecoderFuzzTest): header offset + length + 2 overflowed, so
        // this header passed for a complete bulk whose payload was its own CRLF.
        expectGarbage("$9223372036854775806\r\n", "invalid bulk length in reply");
        expectGarbage("$9223372036854775807\r\n", "invalid bulk length in reply");
        expectGarbage("*1\r\n$9223372036854775800\r\n", "invalid bulk length in reply");
        expectGarbage("!9223372036854775806\r\n", "invalid bulk length in reply");
    }

    @Test
    void rejectsMapCountsThatOverflowALong() {
        // Regression (found by ReplyDecoderFuzzTest): 2 * count overflowed for counts of 2^62 and
        // up, which passed the check and then failed with NegativeArraySizeException or
        // ArrayIndexOutOfBoundsException instead of a ProtocolException.
        expectGarbage("%4611686018427387904\r\n", "invalid multibulk length in reply");
        expectGarbage("%9223372036854775806\r\n", "invalid multibulk length in reply");
        expectGarbage("*1\r\n%9223372036854775807\r\n", "invalid multibulk length in reply");
        // The limit itself: at most Integer.MAX_VALUE - 1 children.
        expectGarbage("%1073741824\r\n", "invalid multibulk length in reply");
        expectGarbage("*2147483647\r\n", "invalid multibulk length in reply");
        for (String header : List.of("%1073741823\r\n", "*2147483646\r\n")) {
            Feed.Result result = run(bytes(header), new int[0]);
            assertThat(result.errors()).isEmpty();
            assertThat(result.messages()).isEmpty();
            assertThat(result.buffered()).isEqualTo(header.length());
        }
    }

    @Test
    void rejectsEndlessLengthLines() {
        String bad = "$" + "1".repeat(ReplyDecoder.MAX_HEADER_LENGTH);
        byte[] in = bytes("+OK\r\n" + bad + ":1\r\n");
        for (int[] cuts : Feed.someCuts(in.length, 10, new Random(8))) {
            Feed.Result result = run(in, cuts);
            assertThat(result.messages()).containsExactly("SIMPLE_STRING +OK\r\n");
            assertThat(result.errors()).containsExactly("ProtocolException: reply header line too long");
        }
    }

    @Test
    void classifiesErrorsByPrefix() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder());
        channel.writeInbound(Unpooled.copiedBuffer(bytes("-OOM command not allowed\r\n+OOM\r\n-BUSY\r\n")));
        Reply oom = channel.readInbound();
        Reply status = channel.readInbound();
        Reply busy = channel.readInbound();
        try {
            assertThat(oom.isError()).isTrue();
            assertThat(oom.errorStartsWith(bytes("OOM"))).isTrue();
            assertThat(oom.errorStartsWith(bytes("OOM command not allowed"))).isTrue();
            assertThat(oom.errorStartsWith(bytes("OOM command not allowed!"))).isFalse();
            assertThat(oom.errorStartsWith(bytes("BUSY"))).isFalse();
            assertThat(status.isError()).isFalse();
            assertThat(status.errorStartsWith(bytes("OOM"))).isFalse();
            assertThat(busy.errorStartsWith(bytes("BUSY"))).isTrue();
            assertThat(busy.errorStartsWith(bytes("BUSYKEY"))).isFalse();
        } finally {
            oom.release();
            status.release();
            busy.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void guardsAccessorsByType() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder());
        channel.writeInbound(Unpooled.copiedBuffer(bytes("+OK\r\n*1\r\n:1\r\n")));
        Reply status = channel.readInbound();
        Reply array = channel.readInbound();
        try {
            assertThatThrownBy(status::integer).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> status.element(0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> array.element(1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> array.element(-1)).isInstanceOf(IndexOutOfBoundsException.class);
            // The reference count is the frame's; element slices share it.
            int before = array.refCnt();
            assertThat(array.retain().refCnt()).isEqualTo(before + 1);
            assertThat(array.element(0).refCnt()).isEqualTo(before + 1);
            assertThat(array.release()).isFalse();
            assertThat(array.refCnt()).isEqualTo(before);
        } finally {
            status.release();
            array.release();
        }
        assertThat(array.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }
}
