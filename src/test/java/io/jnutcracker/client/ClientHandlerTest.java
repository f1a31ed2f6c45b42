package io.jnutcracker.client;

import static io.jnutcracker.backend.EmbeddedLoop.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.backend.EmbeddedLoop;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.resp.LeakCheck;
import io.jnutcracker.route.Pool;
import io.jnutcracker.route.RedisProtocol;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client connection end to end through the real forwarder chain, with the client and its two
 * servers as EmbeddedChannels on one loop: reply order, the end of a conversation, a reload.
 */
@ExtendWith(LeakCheck.class)
class ClientHandlerTest {
    private static final int A = 7001;
    private static final int B = 7002;

    private final EmbeddedLoop loop = new EmbeddedLoop();
    private final Pool pool = new Pool(config(A, B), RedisProtocol.INSTANCE, loop.workers(), loop.clock());
    private final EmbeddedChannel client = loop.channel(RedisProtocol.INSTANCE.newRequestDecoder(loop.workers().budget().largestValue()),
            new ClientHandler(pool, 1, loop.workers()));

    @AfterEach
    void everyBufferReleased() {
        client.close();
        loop.assertAllReleased();
    }

    private static PoolConfig config(int... ports) {
        StringBuilder servers = new StringBuilder();
        for (int port : ports) {
            servers.append("   - 127.0.0.1:").append(port).append(":1 s").append(port).append('\n');
        }
        return EmbeddedLoop.poolConfig("""
                p:
                  listen: 127.0.0.1:22121
                  redis: true
                  servers:
                """ + servers);
    }

    /** A key the pool in force places on the server listening on {@code port}. */
    private String keyOn(int port) {
        var generation = pool.generation();
        for (int i = 0; ; i++) {
            String key = "k" + i;
            int server = generation.servers().serverFor(Unpooled.wrappedBuffer(key.getBytes(StandardCharsets.US_ASCII)),
                    0, key.length());
            if (generation.config().servers().get(server).port() == port) {
                return key;
            }
        }
    }

    private static String get(String key) {
        return "*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n";
    }

    /** The client sends {@code resp}; the loop then runs its pass (connects, flushes). */
    private void send(String resp) {
        client.writeInbound(loop.feed(resp));
        loop.runTasks();
    }

    @Test
    void repliesLeaveInRequestOrderWhicheverServerAnswersFirst() {
        send(get(keyOn(A)) + get(keyOn(B)));
        assertThat(written(loop.server(A))).isEqualTo(get(keyOn(A)));
        assertThat(written(loop.server(B))).isEqualTo(get(keyOn(B)));
        loop.reply(loop.server(B), "$1\r\nb\r\n");
        assertThat(written(client)).isEmpty(); // b waits behind a
        loop.reply(loop.server(A), "$1\r\na\r\n");
        assertThat(written(client)).isEqualTo("$1\r\na\r\n$1\r\nb\r\n");
    }

    @Test
    void aClientThatClosesWithRepliesPendingReleasesThemAndDropsLaterOnes() {
        send(get(keyOn(A)) + get(keyOn(B)));
        loop.reply(loop.server(B), "$1\r\nb\r\n"); // held for the client, behind a
        client.close();
        loop.runTasks();
        loop.reply(loop.server(A), "$1\r\na\r\n"); // arrives for nobody
        assertThat(written(client)).isEmpty();
        written(loop.server(A));
        written(loop.server(B));
        // everyBufferReleased: both replies were released, the held one and the late one
    }

    @Test
    void quitAnswersEarlierRequestsFirstThenClosesAndDiscardsWhatFollows() {
        send(get(keyOn(A)) + "*1\r\n$4\r\nQUIT\r\n" + get(keyOn(B)));
        assertThat(loop.connections(B)).as("nothing after QUIT is forwarded").isEmpty();
        assertThat(client.isOpen()).isTrue();
        written(loop.server(A));
        loop.reply(loop.server(A), "$1\r\na\r\n");
        assertThat(written(client)).isEqualTo("$1\r\na\r\n+OK\r\n");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aProtocolErrorIsAnsweredAfterEarlierRepliesThenTheConnectionCloses() {
        send(get(keyOn(A)) + "*1\r\n$x\r\n");
        written(loop.server(A));
        assertThat(written(client)).isEmpty();
        loop.reply(loop.server(A), "$1\r\na\r\n");
        assertThat(written(client)).startsWith("$1\r\na\r\n-ERR Protocol error");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aHalfClosedClientGetsEveryReplyThenTheConnectionCloses() {
        send(get(keyOn(A)) + get(keyOn(B)));
        // What a socket with ALLOW_HALF_CLOSURE fires when the client shuts down its sending side.
        client.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        loop.runTasks();
        assertThat(client.isOpen()).isTrue();
        assertThat(client.config().isAutoRead()).isFalse();
        loop.reply(loop.server(B), "$1\r\nb\r\n");
        assertThat(client.isOpen()).isTrue();
        loop.reply(loop.server(A), "$1\r\na\r\n");
        assertThat(written(client)).isEqualTo("$1\r\na\r\n$1\r\nb\r\n");
        assertThat(client.isOpen()).isFalse();
        written(loop.server(A));
        written(loop.server(B));
    }

    @Test
    void aReloadBetweenTwoPipelinedRequestsSendsTheSecondToTheNewGeneration() {
        int c = 7003;
        String first = keyOn(A);
        send(get(first));
        pool.install(config(c)); // no reply yet: the pipeline goes on over the reload
        send(get("second"));
        assertThat(written(loop.server(A))).isEqualTo(get(first));
        assertThat(written(loop.server(c))).isEqualTo(get("second"));
        loop.reply(loop.server(c), "$1\r\nc\r\n");
        loop.reply(loop.server(A), "$1\r\na\r\n");
        assertThat(written(client)).isEqualTo("$1\r\na\r\n$1\r\nc\r\n");
        assertThat(loop.server(A).isOpen()).as("the old generation's connection, once idle").isFalse();
    }
}
