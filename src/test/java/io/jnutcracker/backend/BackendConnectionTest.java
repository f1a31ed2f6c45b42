package io.jnutcracker.backend;

import static io.jnutcracker.backend.EmbeddedLoop.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.resp.LeakCheck;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.ReplyDecoder;
import io.jnutcracker.stats.PoolStats;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One server connection's FIFO, failures and handshake, with the server an EmbeddedChannel. */
@ExtendWith(LeakCheck.class)
class BackendConnectionTest {
    private static final String GET_A = "*2\r\n$3\r\nGET\r\n$1\r\na\r\n";

    private final EmbeddedLoop loop = new EmbeddedLoop();
    /** Outcomes of every request, in the order they were told: "id:reply" or "id:REASON". */
    private final List<String> outcomes = new ArrayList<>();
    /** Health reports: "+index" for a success, "-index" for a failure. */
    private final List<String> health = new ArrayList<>();

    @AfterEach
    void everyBufferReleased() {
        loop.assertAllReleased();
    }

    private BackendConnection connection(String extra) {
        return group(extra).connection(0);
    }

    private BackendGroup group(String extra) {
        PoolConfig config = EmbeddedLoop.poolConfig("""
                p:
                  listen: 127.0.0.1:22121
                  redis: true
                %s
                  servers:
                   - 127.0.0.1:7001:1 a
                """.formatted(extra));
        PoolStats stats = new PoolStats("p");
        ServerHealth recorder = new ServerHealth() {
            @Override
            public void failure(int index) {
                health.add("-" + index);
            }

            @Override
            public void success(int index) {
                health.add("+" + index);
            }
        };
        GroupSettings settings = new GroupSettings(config, recorder, stats, stats.servers(List.of("a")),
                loop.clock(), ReplyDecoder::new);
        return new BackendGroup(settings, loop.loop(), loop.workers());
    }

    /** Forwards GET a as request {@code id} and flushes it, as the loop's pass would. */
    private void forward(BackendConnection c, int id) {
        c.forward(loop.feed(GET_A), new ReplyHandler() {
            @Override
            public void onReply(Reply reply) {
                outcomes.add(id + ":" + reply.frame().toString(StandardCharsets.UTF_8).trim());
                reply.release();
            }

            @Override
            public void onFailure(CloseReason reason) {
                outcomes.add(id + ":" + reason);
            }
        });
        c.flush();
        loop.runTasks(); // completes the connect, which writes what waited for it
    }

    @Test
    void aDedicatedConnectionPassesPushesAsideIgnoresThePoolTimeoutAndReportsItsClose() {
        BackendConnection c = group("  timeout: 400").dedicated(0, false, new Dedication() {
            @Override
            public boolean isPush(Reply reply) {
                return reply.frame().toString(StandardCharsets.UTF_8).startsWith(">");
            }

            @Override
            public void onPush(Reply reply) {
                outcomes.add("push:" + reply.frame().toString(StandardCharsets.UTF_8).trim());
                reply.release();
            }

            @Override
            public void onClosed(CloseReason reason) {
                outcomes.add("closed:" + reason);
            }
        });
        forward(c, 1);
        EmbeddedChannel server = loop.server(7001);
        written(server);
        loop.advanceMillis(5000); // a blocking command's wait: no pool timeout on this connection
        assertThat(server.isOpen()).isTrue();
        loop.reply(server, ">1\r\n:7\r\n+OK\r\n"); // a push arriving before the reply
        assertThat(outcomes).containsExactly("push:>1\r\n:7", "1:+OK");
        c.closeWhenIdle();
        assertThat(outcomes).endsWith("closed:PROXY_CLOSED");
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void repliesAnswerRequestsInTheOrderTheyWereSent() {
        BackendConnection c = connection("");
        forward(c, 1);
        forward(c, 2);
        forward(c, 3);
        EmbeddedChannel server = loop.server(7001);
        assertThat(written(server)).isEqualTo(GET_A.repeat(3));
        loop.reply(server, "$1\r\nx\r\n$1\r\ny"); // the second reply split across reads
        loop.reply(server, "\r\n:3\r\n");
        assertThat(outcomes).containsExactly("1:$1\r\nx", "2:$1\r\ny", "3::3");
        assertThat(health).containsExactly("+0", "+0", "+0");
    }

    @Test
    void serverClosingMidPipelineFailsEveryWaitingRequestInOrder() {
        BackendConnection c = connection("");
        forward(c, 1);
        forward(c, 2);
        forward(c, 3);
        EmbeddedChannel server = loop.server(7001);
        written(server);
        loop.reply(server, "+OK\r\n");
        server.close(); // the server's EOF: the channel goes inactive
        assertThat(outcomes).containsExactly("1:+OK", "2:CLOSED", "3:CLOSED");
        assertThat(health).containsExactly("+0", "-0");
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void aRequestUnansweredWithinTheTimeoutFailsEveryWaitingRequestWithTimedOut() {
        BackendConnection c = connection("  timeout: 400");
        forward(c, 1);
        loop.advanceMillis(200);
        forward(c, 2); // its own deadline is at 600
        EmbeddedChannel server = loop.server(7001);
        written(server);
        loop.advanceMillis(100);
        loop.reply(server, "+OK\r\n");
        loop.advanceMillis(299); // 599: the first is answered, the second still has time
        assertThat(outcomes).containsExactly("1:+OK");
        assertThat(server.isOpen()).isTrue();
        forward(c, 3);
        loop.advanceMillis(1);
        assertThat(outcomes).containsExactly("1:+OK", "2:TIMED_OUT", "3:TIMED_OUT");
        assertThat(server.isOpen()).isFalse();
        assertThat(health).containsExactly("+0", "-0");
        written(server);
    }

    @Test
    void aReplyStillArrivingIsNotCutOffButAStalledOneIs() {
        BackendConnection c = connection("  timeout: 400");
        forward(c, 1);
        EmbeddedChannel server = loop.server(7001);
        written(server);
        loop.advanceMillis(300);
        loop.reply(server, "$10\r\n01234"); // half the value, within the timeout
        loop.advanceMillis(300); // 600: past the queue-time deadline, but bytes moved since the check
        assertThat(outcomes).isEmpty();
        loop.reply(server, "56789\r\n");
        assertThat(outcomes).containsExactly("1:$10\r\n0123456789");
        forward(c, 2);
        written(server);
        loop.reply(server, "$10\r\n01");
        loop.advanceMillis(400); // the check sees this piece move the deadline
        loop.advanceMillis(400); // and nothing since: stalled
        assertThat(outcomes).containsExactly("1:$10\r\n0123456789", "2:TIMED_OUT");
    }

    @Test
    void aReplyNobodyAskedForClosesTheConnectionAsInvalid() {
        BackendConnection c = connection("");
        forward(c, 1);
        EmbeddedChannel server = loop.server(7001);
        written(server);
        loop.reply(server, "+OK\r\n+STRAY\r\n");
        assertThat(server.isOpen()).isFalse();
        assertThat(health).containsExactly("+0", "-0");
        forward(c, 2); // too late: the connection is closed, with the reason it closed for
        assertThat(outcomes).containsExactly("1:+OK", "2:INVALID");
    }

    @Test
    void handshakeRepliesAreSwallowedAndNotCountedAsServerHealth() {
        BackendConnection c = connection("""
                  redis_auth: secret
                  redis_db: 2
                """);
        forward(c, 1);
        EmbeddedChannel server = loop.server(7001);
        assertThat(written(server)).isEqualTo(
                "*2\r\n$4\r\nAUTH\r\n$6\r\nsecret\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n" + GET_A);
        // A refused handshake is logged, neither answered to a client nor counted against the server.
        loop.reply(server, "-ERR invalid password\r\n+OK\r\n");
        assertThat(outcomes).isEmpty();
        assertThat(health).isEmpty();
        loop.reply(server, "$1\r\nx\r\n");
        assertThat(outcomes).containsExactly("1:$1\r\nx");
        assertThat(health).containsExactly("+0");
    }
}
