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
 * The single-server rule of {@link KeyForwarder} (keys from Redis's key specs: all on one server,
 * sent whole; spanning servers, -CROSSSLOT and sent nowhere) and the requests
 * {@link BroadcastForwarder} sends to every server, with their merged replies.
 */
@ExtendWith(LeakCheck.class)
class PoolForwardersTest {
    private record Sent(int server, String frame, ReplyHandler handler) {
    }

    private final EmbeddedLoop loop = new EmbeddedLoop();
    private final ServerPool pool = new ServerPool(EmbeddedLoop.poolConfig("""
            p:
              listen: 127.0.0.1:22121
              redis: true
              servers:
               - 127.0.0.1:7001:1 s0
               - 127.0.0.1:7002:1 s1
               - 127.0.0.1:7003:1 s2
            """), loop.clock());
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> outcome = new ArrayList<>();
    private final Forwarder forwarder;

    PoolForwardersTest() {
        Dispatch dispatch = (server, frame, command, handler) -> {
            sent.add(new Sent(server, frame.toString(StandardCharsets.UTF_8), handler));
            frame.release();
        };
        var counters = new PoolStats("p").loopCounters(Runnable::run);
        var alloc = ByteBufAllocator.DEFAULT;
        Forwarder whole = new KeyForwarder(pool, dispatch, RedisProtocol.INSTANCE, counters, alloc);
        forwarder = new BroadcastForwarder(whole, pool, dispatch, RedisProtocol.INSTANCE, counters, alloc);
    }

    @AfterEach
    void everyBufferReleased() {
        loop.assertAllReleased();
    }

    private int serverOf(String key) {
        return pool.serverFor(Unpooled.wrappedBuffer(key.getBytes(StandardCharsets.US_ASCII)), 0, key.length());
    }

    private String keyOn(int server, int nth) {
        for (int i = 0, found = 0; ; i++) {
            String key = "k" + i;
            if (serverOf(key) == server && found++ == nth) {
                return key;
            }
        }
    }

    private void forward(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        EmbeddedChannel decoder = new EmbeddedChannel(new RequestDecoder());
        decoder.writeInbound(loop.feed(sb.toString()));
        Request request = decoder.readInbound();
        forwarder.forward(request, RedisProtocol.INSTANCE.command(request), new RecordingHandler(outcome));
    }

    private void reply(int index, String resp) {
        EmbeddedChannel decoder = new EmbeddedChannel(new ReplyDecoder());
        decoder.writeInbound(loop.feed(resp));
        sent.get(index).handler().onReply(decoder.readInbound());
    }

    @Test
    void zunionGoesWhereItsKeysAreNotWhereNumkeysHashes() {
        String a = keyOn(0, 0);
        String b = keyOn(0, 1);
        int numkeysServer = serverOf("2");
        String c = keyOn((numkeysServer + 1) % 3, 0);
        String d = keyOn((numkeysServer + 1) % 3, 1);
        forward("ZUNION", "2", c, d);
        assertThat(sent).extracting(Sent::server).containsExactly((numkeysServer + 1) % 3);
        forward("ZUNIONSTORE", a, "2", b, a);
        assertThat(sent).extracting(Sent::server).containsExactly((numkeysServer + 1) % 3, 0);
    }

    @Test
    void keysOnSeveralServersAreRefusedAndSentNowhere() {
        forward("RENAME", keyOn(0, 0), keyOn(1, 0));
        forward("EVAL", "return 1", "2", keyOn(1, 0), keyOn(2, 0));
        forward("LMOVE", keyOn(2, 0), keyOn(2, 1), "LEFT", "LEFT");
        String cross = "-CROSSSLOT Keys in request don't hash to the same server\r\n";
        assertThat(outcome).containsExactly(cross, cross);
        assertThat(sent).extracting(Sent::server).containsExactly(2);
    }

    @Test
    void keylessRequestsGoWherePlaceholderGoes() {
        forward("EVAL", "return 1", "0");
        forward("TIME");
        forward("EVAL", "return 1", "9", "too-few"); // malformed: the server answers its error
        int placeholder = serverOf("placeholder");
        assertThat(sent).extracting(Sent::server).containsExactly(placeholder, placeholder, placeholder);
    }

    @Test
    void dbsizeIsSummedOverEveryServer() {
        forward("DBSIZE");
        assertThat(sent).extracting(Sent::server).containsExactly(0, 1, 2);
        reply(1, ":5\r\n");
        reply(0, ":2\r\n");
        assertThat(outcome).isEmpty();
        reply(2, ":0\r\n");
        assertThat(outcome).containsExactly(":7\r\n");
    }

    @Test
    void scriptExistsIsOneOnlyWhereEveryServerHasTheScript() {
        forward("SCRIPT", "EXISTS", "a", "b", "c");
        reply(0, "*3\r\n:1\r\n:1\r\n:0\r\n");
        reply(1, "*3\r\n:1\r\n:0\r\n:0\r\n");
        reply(2, "*3\r\n:1\r\n:1\r\n:0\r\n");
        assertThat(outcome).containsExactly("*3\r\n:1\r\n:0\r\n:0\r\n");
    }

    @Test
    void scriptLoadFailsWhenAServerCannotBeReached() {
        forward("SCRIPT", "LOAD", "return 1");
        reply(0, "$3\r\nsha\r\n");
        sent.get(1).handler().onFailure(CloseReason.REFUSED);
        reply(2, "$3\r\nsha\r\n");
        assertThat(outcome).containsExactly("REFUSED");
    }

    @Test
    void infoSumsTheKeyspaceAndSaysLoadingWhileAnyServerLoads() {
        forward("INFO");
        reply(0, bulk("# Server\r\nredis_version:7.0.15\r\n\r\n# Persistence\r\nloading:0\r\n\r\n# Keyspace\r\n"
                + "db0:keys=3,expires=1,avg_ttl=100\r\n"));
        reply(1, bulk("# Server\r\nredis_version:7.0.15\r\n\r\n# Persistence\r\nloading:1\r\n\r\n# Keyspace\r\n"
                + "db0:keys=4,expires=1,avg_ttl=300\r\ndb1:keys=1,expires=0,avg_ttl=0\r\n"));
        reply(2, bulk("# Server\r\nredis_version:7.0.15\r\n\r\n# Persistence\r\nloading:0\r\n\r\n# Keyspace\r\n"));
        assertThat(outcome).containsExactly(bulk("# Server\r\nredis_version:7.0.15\r\njnutcracker_version:"
                + io.jnutcracker.Version.JNUTCRACKER + "\r\n\r\n# Persistence\r\nloading:1\r\n\r\n# Keyspace\r\n"
                + "db0:keys=7,expires=2,avg_ttl=200\r\ndb1:keys=1,expires=0,avg_ttl=0\r\n"));
    }

    private static String bulk(String text) {
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }
}
