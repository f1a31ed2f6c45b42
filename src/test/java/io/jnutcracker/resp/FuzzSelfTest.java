package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fuzz tests' own machinery can fail: the oracles know Redis's answers, the harness sees leaks. */
@ExtendWith(LeakCheck.class)
class FuzzSelfTest {

    @Test
    void requestModelKnowsRedisAnswers() {
        String ping = RequestDecoderTest.resp("PING");
        assertThat(RequestModel.parse(bytes("SET \"a b\" 'c'\r\n" + ping + "*0\r\n*-9223372036854775808\r\n\r\n*1\r\n$3\r\nGE")))
                .isEqualTo(new RequestModel.Outcome(List.of("REQ " + RequestDecoderTest.resp("SET", "a b", "c"), "REQ " + ping), 10));
        assertThat(RequestModel.parse(bytes(ping + "*1\r\n$01\r\nx\r\n" + ping)))
                .isEqualTo(new RequestModel.Outcome(List.of("REQ " + ping, "ERROR Protocol error: invalid bulk length"), 0));
        assertThat(RequestModel.parse(bytes("*1\r\n$4\r\nPING\r\n"), 1, 3))
                .isEqualTo(new RequestModel.Outcome(List.of("ERROR Protocol error: request too large: a value of 4 bytes"
                        + " is over the proxy's limit of 3 bytes (its memory budget)"), 0));
        assertThat(RequestModel.parse(bytes("*2\r\n"), 1, 3))
                .isEqualTo(new RequestModel.Outcome(List.of("ERROR Protocol error: invalid multibulk length"), 0));
        assertThat(RequestModel.parse(bytes("a".repeat(65536))).buffered()).isEqualTo(65536);
        assertThat(RequestModel.parse(bytes("a".repeat(65537))).messages()).containsExactly(
                "ERROR Protocol error: too big inline request");

        assertThat(RequestModel.splitArgs("  SET \t a\u000bb  \"c d\" 'e f' ")).containsExactly("SET", "a\u000bb", "c d", "e f");
        assertThat(RequestModel.splitArgs("a\"b c\" \"\\x41\\x7a\\n\\q\\\\\" 'it\\'s' '\\n'"))
                .containsExactly("ab c", "Az\nq\\", "it's", "\\n");
        assertThat(RequestModel.splitArgs("GET a\0b c")).containsExactly("GET", "a");
        assertThat(RequestModel.splitArgs("\"\\xZZ\" \"\\x4\"")).containsExactly("xZZ", "x4");
        for (String unbalanced : List.of("\"a", "'a", "\"a\"b", "'a'b", "\"a\0\"", "\"a\\\"", "'a\\'")) {
            assertThat(RequestModel.splitArgs(unbalanced)).as(unbalanced).isNull();
        }
    }

    @Test
    void replyModelKnowsTheGrammar() {
        ReplyModel.Outcome outcome = ReplyModel.parse(bytes("*2\r\n$1\r\na\r\n:5\r\n%1\r\n+k\r\n_\r\n:-9223372036854775808\r\n$3\r\nab"));
        assertThat(outcome.replies()).containsExactly(
                "ARRAY *2\r\n$1\r\na\r\n:5\r\n count=2 [$1\r\na\r\n, :5\r\n]",
                "MAP %1\r\n+k\r\n_\r\n count=2 [+k\r\n, _\r\n]",
                "INTEGER :-9223372036854775808\r\n =-9223372036854775808");
        assertThat(outcome.error()).isNull();
        assertThat(outcome.buffered()).isEqualTo(6);
        assertThat(ReplyModel.parse(bytes("+OK\r\n*1\r\n?"))).isEqualTo(
                new ReplyModel.Outcome(List.of("SIMPLE_STRING +OK\r\n"), "unknown reply type byte 0x3f", 0));
        assertThat(ReplyModel.parse(bytes("%4611686018427387904\r\n")).error()).isEqualTo("invalid multibulk length in reply");
        assertThat(ReplyModel.parse(bytes(":" + "1".repeat(65534))).buffered()).isEqualTo(65535);
        assertThat(ReplyModel.parse(bytes(":" + "1".repeat(65535))).error()).isEqualTo("reply header line too long");
    }

    /**
     * Consumes its input and allocates a scratch buffer it never frees (kept here to free after the
     * test): only the TrackingAllocator can see that, the input pieces are all freed.
     */
    private static final class LeakingDecoder extends ByteToMessageDecoder {
        final List<ByteBuf> leaked = new ArrayList<>();

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            leaked.add(ctx.alloc().buffer(16).writeBytes(in));
        }

        int bufferedBytes() {
            return actualReadableBytes();
        }
    }

    @Test
    void harnessReportsABufferLeftReferenced() {
        LeakingDecoder decoder = new LeakingDecoder();
        try {
            assertThatThrownBy(() -> Fuzz.decode(() -> decoder, LeakingDecoder::bufferedBytes, bytes("hello"), new int[] {2},
                    m -> "x", true, new Random(1)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("buffers still referenced");
        } finally {
            decoder.leaked.forEach(ByteBuf::release);
        }
    }

    @Test
    void aFailingCaseNamesTheSeedAndTheInput() {
        assertThatThrownBy(() -> Fuzz.run("self-test (this failure is expected)", 10, (random, context) -> {
            context.input = bytes("*1\r\n");
            context.cuts = new int[] {1, 3};
            throw new AssertionError("boom");
        })).hasMessageContaining("-Djn.fuzz.seed=" + Fuzz.SEED).hasMessageContaining("\"*1\\r\\n\"")
                .hasMessageContaining(Arrays.toString(new int[] {1, 3})).hasMessageContaining("boom");
    }
}
