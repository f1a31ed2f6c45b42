package io.jnutcracker.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.resp.ProtocolException;
import io.jnutcracker.resp.ReplyDecoder;
import io.jnutcracker.resp.RespType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe's pipeline (input limit, the data path's ReplyDecoder, ProbeHandler) without a socket:
 * what it sends, what it makes of replies however the bytes are split, and how it fails.
 */
class ProbeHandlerTest {
    private static final List<String[]> AUTH_INFO = List.of(new String[] {"AUTH", "pä ss"},
            new String[] {"INFO", "replication"});

    private static EmbeddedChannel channel(ProbeHandler handler, long limit) {
        return new EmbeddedChannel(new ProbeHandler.InputLimit(limit), new ReplyDecoder(), handler);
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void sendsEveryCommandAtOnceAsArraysOfBulkStrings() {
        ProbeHandler handler = new ProbeHandler(AUTH_INFO);
        EmbeddedChannel ch = channel(handler, 1024);

        ByteBuf sent = ch.readOutbound();
        // UTF-8, as the data path sends redis_auth: "pä ss" is 6 bytes
        assertThat(sent.toString(StandardCharsets.UTF_8))
                .isEqualTo("*2\r\n$4\r\nAUTH\r\n$6\r\npä ss\r\n*2\r\n$4\r\nINFO\r\n$11\r\nreplication\r\n");
        sent.release();
        assertThat(handler.stage()).isEqualTo("reply"); // written, so a deadline now cuts the reply short
        ch.finishAndReleaseAll();
    }

    @Test
    void answersWhateverTheSplitAndReleasesEveryReply() throws Exception {
        String wire = "+OK\r\n$13\r\nrole:master\r\n\r\n";
        for (int chunk = 1; chunk <= wire.length(); chunk++) {
            ProbeHandler handler = new ProbeHandler(AUTH_INFO);
            EmbeddedChannel ch = channel(handler, 1024);
            ByteBuf whole = bytes(wire);
            for (int at = 0; at < wire.length(); at += chunk) {
                assertThat(handler.result).as("chunk %d at %d", chunk, at).isNotDone();
                ch.writeInbound(whole.retainedSlice(at, Math.min(chunk, wire.length() - at)));
            }
            whole.release();
            // every slice the decoder made is released with its Reply, or the input would still be held
            assertThat(whole.refCnt()).as("chunk %d", chunk).isZero();
            assertThat(handler.result.get()).as("chunk %d", chunk).containsExactly(
                    new Answer(RespType.SIMPLE_STRING, false, "OK"),
                    new Answer(RespType.BULK_STRING, false, "role:master\r\n"));
            assertThat(ch.isOpen()).as("closed once answered").isFalse();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void errorsIntegersAndNullBulksBecomeAnswersToo() throws Exception {
        ProbeHandler handler = new ProbeHandler(List.of(new String[] {"A"}, new String[] {"B"}, new String[] {"C"}));
        EmbeddedChannel ch = channel(handler, 1024);

        ch.writeInbound(bytes("-NOAUTH Authentication required.\r\n:42\r\n$-1\r\n"));

        assertThat(handler.result.get()).containsExactly(
                new Answer(RespType.ERROR, true, "NOAUTH Authentication required."),
                new Answer(RespType.INTEGER, false, "42"),
                new Answer(RespType.BULK_STRING, false, null));
        ch.finishAndReleaseAll();
    }

    /**
     * What the question fails with when {@code inbound} arrives, one read per string, and the
     * connection then ends; also checks that no input buffer is held after that.
     */
    private static Throwable failureAfter(long limit, String... inbound) {
        ProbeHandler handler = new ProbeHandler(AUTH_INFO);
        EmbeddedChannel ch = channel(handler, limit);
        List<ByteBuf> sent = new ArrayList<>();
        for (String s : inbound) {
            ByteBuf b = bytes(s);
            sent.add(b);
            ch.writeInbound(b);
        }
        ch.close();
        ch.finishAndReleaseAll();
        assertThat(sent).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        assertThat(handler.result).isCompletedExceptionally();
        return handler.result.handle((answers, cause) -> cause).join();
    }

    @Test
    void aServerThatClosesEarlyFailsTheQuestion() {
        assertThat(failureAfter(1024, "+OK\r\n$13\r\nrole:")).isInstanceOf(IOException.class)
                .hasMessage("connection closed by server");
    }

    @Test
    void whatIsNotRespFailsWithTheDecodersReason() {
        assertThat(failureAfter(1024, "HTTP/1.1 400 Bad Request\r\n")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown reply type byte 0x48");
    }

    @Test
    void moreThanTheLimitFailsBeforeTheDecoderBuffersIt() {
        // 11 bytes pass (and +OK is answered), the next 20 cross the limit of 16
        assertThat(failureAfter(16, "+OK\r\n$100\r\n", "x".repeat(20))).isInstanceOf(IOException.class)
                .hasMessage("protocol error: reply of more than 16 bytes");
    }
}
