package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static io.jnutcracker.resp.Feed.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.memcache.McReplyDecoder;
import io.jnutcracker.memcache.McRequestDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memcached decoders ({@code io.jnutcracker.memcache}): every case fed whole, byte by byte and
 * cut in two at every position (Feed.everyCut), with every buffer released.
 */
class McDecoderTest {
    private static final int LIMIT = 100;

    /** "REQ <frame> [args]" or "ERR <line> close|keep". */
    static String describeRequest(Object message) {
        if (message instanceof RequestError error) {
            ByteBuf reply = error.reply(UnpooledByteBufAllocator.DEFAULT);
            try {
                return "ERR " + text(reply).trim() + (error.closes() ? " close" : " keep");
            } finally {
                reply.release();
            }
        }
        Request request = (Request) message;
        List<String> args = new ArrayList<>();
        for (int i = 0; i < request.argc(); i++) {
            args.add(request.argString(i));
        }
        return "REQ " + text(request.frame()) + " " + args;
    }

    /** "<TYPE> <count> <frame>" with the offsets of the values and of END. */
    static String describeReply(Object message) {
        Reply reply = (Reply) message;
        StringBuilder s = new StringBuilder(reply.type() + " " + reply.elementCount());
        for (int i = 0; i < reply.elementCount(); i++) {
            s.append(" [").append(text(reply.element(i))).append(']');
        }
        return s.append(' ').append(text(reply.frame())).toString();
    }

    static void expectRequests(String input, String... expected) {
        byte[] in = bytes(input);
        for (int[] cuts : Feed.everyCut(in.length)) {
            Feed.Result result = Feed.run(() -> new McRequestDecoder(LIMIT), McRequestDecoder::bufferedBytes, in, cuts,
                    McDecoderTest::describeRequest);
            assertThat(result.messages()).as("cuts %s", Arrays.toString(cuts)).containsExactly(expected);
            assertThat(result.buffered()).as("cuts %s", Arrays.toString(cuts)).isZero();
            assertThat(result.errors()).isEmpty();
        }
    }

    static void expectReplies(String input, String... expected) {
        byte[] in = bytes(input);
        for (int[] cuts : Feed.everyCut(in.length)) {
            Feed.Result result = Feed.run(McReplyDecoder::new, McReplyDecoder::bufferedBytes, in, cuts,
                    McDecoderTest::describeReply);
            assertThat(result.messages()).as("cuts %s", Arrays.toString(cuts)).containsExactly(expected);
            assertThat(result.buffered()).as("cuts %s", Arrays.toString(cuts)).isZero();
            assertThat(result.errors()).isEmpty();
        }
    }

    @Test
    void storageCommandsCarryTheirBinaryDataBlock() {
        expectRequests("set k 1 2 5\r\na\r\nb\0\r\ncas k 0 0 1 99 noreply\r\nx\r\n",
                "REQ set k 1 2 5\r\na\r\nb\0\r\n [set, k, 1, 2, 5]",
                "REQ cas k 0 0 1 99 noreply\r\nx\r\n [cas, k, 0, 0, 1, 99, noreply]");
    }

    @Test
    void retrievalAndOtherCommands() {
        expectRequests("get a  b c\r\ngets a\r\ndelete a noreply\r\nincr n 5\r\ntouch t 10\r\nversion\r\nquit\n",
                "REQ get a  b c\r\n [get, a, b, c]", "REQ gets a\r\n [gets, a]", "REQ delete a noreply\r\n [delete, a, noreply]",
                "REQ incr n 5\r\n [incr, n, 5]", "REQ touch t 10\r\n [touch, t, 10]", "REQ version\r\n [version]",
                "REQ quit\n [quit]");
    }

    @Test
    void unknownEmptyAndMisshapenLinesGetErrorAndDecodingGoesOn() {
        expectRequests("GET a\r\nflush_all\r\n\r\nget\r\nset k 0 0\r\nincr n\r\nget a\r\n",
                "ERR ERROR keep", "ERR ERROR keep", "ERR ERROR keep", "ERR ERROR keep", "ERR ERROR keep",
                "ERR ERROR keep", "REQ get a\r\n [get, a]");
    }

    @Test
    void longKeysAndBadLengthsAreClientErrorsAndARefusedBlockIsSkipped() {
        String key = "k".repeat(251);
        expectRequests("get a " + key + "\r\nset " + key + " 0 0 2\r\nzz\r\nset k 0 0 x\r\nget b\r\n",
                "ERR CLIENT_ERROR bad command line format keep", "ERR CLIENT_ERROR bad command line format keep",
                "ERR CLIENT_ERROR bad command line format keep", "REQ get b\r\n [get, b]");
    }

    @Test
    void aBadDataChunkIsSkippedByItsDeclaredLength() {
        expectRequests("set k 0 0 2\r\nabcd\r\nget k\r\n", "ERR CLIENT_ERROR bad data chunk keep", "ERR ERROR keep",
                "REQ get k\r\n [get, k]");
    }

    @Test
    void aBlockOverTheLimitIsRefusedAndSwallowed() {
        String big = "v".repeat(LIMIT + 1);
        expectRequests("set k 0 0 " + big.length() + "\r\n" + big + "\r\nget k\r\n",
                "ERR SERVER_ERROR object too large for cache keep", "REQ get k\r\n [get, k]");
    }

    /** Inputs of a few KB: whole, byte by byte and randomly cut (every two-piece cut would be quadratic). */
    @Test
    void aLineTooLongClosesButALongGetDoesNot() {
        String keys = " k".repeat(1100);
        byte[] get = bytes("get" + keys + "\r\n");
        byte[] set = bytes("set " + "x".repeat(3000) + "\r\n");
        for (int[] cuts : Feed.someCuts(get.length, 20, new java.util.Random(7))) {
            Feed.Result result = Feed.run(() -> new McRequestDecoder(LIMIT), McRequestDecoder::bufferedBytes, get, cuts,
                    McDecoderTest::describeRequest);
            assertThat(result.messages()).containsExactly("REQ get" + keys + "\r\n " + ("[get" + ", k".repeat(1100) + "]"));
            assertThat(result.buffered()).isZero();
        }
        for (int[] cuts : Feed.someCuts(set.length, 20, new java.util.Random(7))) {
            Feed.Result result = Feed.run(() -> new McRequestDecoder(LIMIT), McRequestDecoder::bufferedBytes, set, cuts,
                    McDecoderTest::describeRequest);
            assertThat(result.messages()).containsExactly("ERR CLIENT_ERROR line too long close");
        }
    }

    @Test
    void repliesAreLinesOrWholeRetrievals() {
        expectReplies("STORED\r\nVALUE a 0 3\r\nx\r\n\r\nVALUE bb 1 1 7\r\ny\r\nEND\r\nEND\r\nSERVER_ERROR out of memory\r\n"
                        + "ERROR\r\n12\r\nVERSION 1.6.18\r\n",
                "SIMPLE_STRING -1 STORED\r\n",
                "ARRAY 2 [VALUE a 0 3\r\nx\r\n\r\n] [VALUE bb 1 1 7\r\ny\r\n] VALUE a 0 3\r\nx\r\n\r\nVALUE bb 1 1 7\r\ny\r\nEND\r\n",
                "ARRAY 0 END\r\n", "ERROR -1 SERVER_ERROR out of memory\r\n", "ERROR -1 ERROR\r\n",
                "SIMPLE_STRING -1 12\r\n", "SIMPLE_STRING -1 VERSION 1.6.18\r\n");
    }

    @Test
    void aValueWithoutItsCrlfIsAProtocolError() {
        byte[] in = bytes("VALUE a 0 1\r\nxy\r\nEND\r\n");
        Feed.Result result = Feed.run(McReplyDecoder::new, McReplyDecoder::bufferedBytes, in, new int[0],
                McDecoderTest::describeReply);
        assertThat(result.errors()).containsExactly("ProtocolException: value not followed by CRLF in reply");
    }
}
