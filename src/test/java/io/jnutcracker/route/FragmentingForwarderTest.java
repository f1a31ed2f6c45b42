package io.jnutcracker.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.EmbeddedLoop;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.resp.LeakCheck;
import io.jnutcracker.resp.ReplyDecoder;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.RequestDecoder;
import io.jnutcracker.stats.PoolStats;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Split requests: the parts each server gets and the one reply the client gets from theirs, in any
 * order of completion. The dispatch is a recorder; requests and replies come from the real decoders.
 */
@ExtendWith(LeakCheck.class)
class FragmentingForwarderTest {
    /** One sub-request as sent: its server, its encoding, and where its outcome goes. */
    private record Part(int server, String frame, ReplyHandler handler) {
    }

    private final EmbeddedLoop loop = new EmbeddedLoop(); // only for fed buffers and their release check
    private final ServerPool pool = new ServerPool(EmbeddedLoop.poolConfig("""
            p:
              listen: 127.0.0.1:22121
              redis: true
              servers:
               - 127.0.0.1:7001:1 s0
               - 127.0.0.1:7002:1 s1
               - 127.0.0.1:7003:1 s2
            """), loop.clock());
    private final List<Part> parts = new ArrayList<>();
    private final Forwarder forwarder;
    /** The client's outcome: the merged reply's text, or the failure's reason. */
    private final List<String> outcome = new ArrayList<>();

    FragmentingForwarderTest() {
        Dispatch dispatch = (server, frame, command, handler) -> {
            parts.add(new Part(server, frame.toString(StandardCharsets.UTF_8), handler));
            frame.release();
        };
        var counters = new PoolStats("p").loopCounters(Runnable::run);
        Forwarder whole = (request, command, handler) -> {
            throw new AssertionError("a split request went whole");
        };
        forwarder = new FragmentingForwarder(whole, pool, dispatch, RedisProtocol.INSTANCE, counters,
                ByteBufAllocator.DEFAULT);
    }

    @AfterEach
    void everyBufferReleased() {
        loop.assertAllReleased();
    }

    private String keyOn(int server, int nth) {
        for (int i = 0, found = 0; ; i++) {
            String key = "k" + i;
            if (pool.serverFor(Unpooled.wrappedBuffer(key.getBytes(StandardCharsets.US_ASCII)), 0, key.length()) == server
                    && found++ == nth) {
                return key;
            }
        }
    }

    private static String resp(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    private void forward(String... args) {
        EmbeddedChannel decoder = new EmbeddedChannel(new RequestDecoder());
        decoder.writeInbound(loop.feed(resp(args)));
        Request request = decoder.readInbound();
        forwarder.forward(request, RedisProtocol.INSTANCE.command(request), new RecordingHandler(outcome));
    }

    /** Part {@code index} gets {@code resp} from its server. */
    private void reply(int index, String resp) {
        EmbeddedChannel decoder = new EmbeddedChannel(new ReplyDecoder());
        decoder.writeInbound(loop.feed(resp));
        parts.get(index).handler().onReply(decoder.readInbound());
    }

    private static String bulk(String v) {
        return "$" + v.length() + "\r\n" + v + "\r\n";
    }

    @Test
    void mgetOverThreeServersMergesInKeyOrderWhicheverPartCompletesFirst() {
        String x = keyOn(2, 0), y = keyOn(0, 0), z = keyOn(1, 0), w = keyOn(2, 1);
        int[][] orders = {{0, 1, 2}, {2, 0, 1}, {1, 2, 0}, {2, 1, 0}};
        for (int[] order : orders) {
            parts.clear();
            outcome.clear();
            forward("MGET", x, y, z, w);
            assertThat(parts).extracting(Part::server).containsExactly(0, 1, 2); // in server order
            assertThat(parts).extracting(Part::frame)
                    .containsExactly(resp("mget", y), resp("mget", z), resp("mget", x, w));
            String[] replies = {"*1\r\n" + bulk("vy"), "*1\r\n" + bulk("vz"), "*2\r\n" + bulk("vx") + "$-1\r\n"};
            for (int i = 0; i < order.length; i++) {
                assertThat(outcome).as("before the last part").isEmpty();
                reply(order[i], replies[order[i]]);
            }
            assertThat(outcome).containsExactly("*4\r\n" + bulk("vx") + bulk("vy") + bulk("vz") + "$-1\r\n");
        }
    }

    @Test
    void aFailingPartFailsTheWholeRequestWithItsReason() {
        forward("MGET", keyOn(0, 0), keyOn(1, 0));
        reply(0, "*1\r\n" + bulk("v"));
        parts.get(1).handler().onFailure(CloseReason.TIMED_OUT);
        assertThat(outcome).containsExactly("TIMED_OUT");
    }

    @Test
    void delSumsTheCountsOfEveryPart() {
        forward("DEL", keyOn(0, 0), keyOn(1, 0), keyOn(2, 0), keyOn(2, 1));
        assertThat(parts).hasSize(3);
        reply(2, ":2\r\n");
        reply(0, ":1\r\n");
        reply(1, ":0\r\n");
        assertThat(outcome).containsExactly(":3\r\n");
    }

    @Test
    void msetSendsKeyValuePairsAndAnswersOk() {
        String a = keyOn(0, 0), b = keyOn(1, 0);
        forward("MSET", a, "1", b, "2");
        assertThat(parts).extracting(Part::frame).containsExactly(resp("mset", a, "1"), resp("mset", b, "2"));
        reply(1, "+OK\r\n");
        reply(0, "+OK\r\n");
        assertThat(outcome).containsExactly("+OK\r\n");
    }

    @Test
    void anErrorReplyFromOnePartIsPassedOnVerbatim() {
        forward("MGET", keyOn(0, 0), keyOn(1, 0), keyOn(2, 0));
        String error = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
        reply(0, "*1\r\n" + bulk("v"));
        reply(1, error);
        reply(2, "*1\r\n$-1\r\n");
        assertThat(outcome).containsExactly(error);
    }
}
