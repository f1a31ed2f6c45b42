package io.jnutcracker.it;

import static io.jnutcracker.it.LaunchedProxy.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a client's conversation, over real sockets against a real redis-server (issue 14, items 1
 * and 2): a client that half-closes (SHUT_WR, as {@code nc -N} does) gets every reply to what it sent,
 * in order, then EOF, as from Redis; and once SIGTERM has been received nothing more is read from a
 * connected client, even after its last reply has drained its queue.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientLifecycleIT {
    private static String yml(int listen, String server) {
        return """
                alpha:
                  listen: %s:%d
                  redis: true
                  servers:
                   - %s:1 redis01
                """.formatted(HOST, listen, server);
    }

    /** bin/jnutcracker in front of {@code redis}; SIGTERM waits up to 30 s, longer than any test here needs. */
    private static LaunchedProxy launch(Path dir, int port, RedisServerProcess redis) throws Exception {
        return LaunchedProxy.start(dir, yml(port, redis.address()), port, "--shutdown-timeout", "30000");
    }

    @Test
    void halfClosedClientGetsAllThousandPipelinedRepliesInOrderThenEof() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(HOST)) {
            int port = RedisServerProcess.freePort(HOST);
            try (ProxyProcess proxy = ProxyProcess.start(yml(port, redis.address()));
                 RespClient client = new RespClient(HOST, port, 30_000)) {
                StringBuilder expected = new StringBuilder();
                for (int i = 1; i <= 1000; i++) {
                    expected.append(':').append(i).append("\r\n");
                }
                client.send(RespClient.pipeline(1000, "INCR", "halfclose:x"));
                client.shutdownOutput();
                String replies = client.readToEof();
                assertThat(replies).as("all 1000 replies, in order, then EOF").isEqualTo(expected.toString());
                assertThat(redis.command("GET halfclose:x")).as("each INCR ran once").isEqualTo("$4");
            }
        }
    }

    @Test
    void pingThenHalfCloseGetsPongThenEof() throws Exception {
        int port = RedisServerProcess.freePort(HOST);
        // PING is answered by the proxy itself: no server is needed, nothing listens there.
        try (ProxyProcess proxy = ProxyProcess.start(yml(port, HOST + ":" + RedisServerProcess.freePort(HOST)));
             RespClient client = new RespClient(HOST, port, 30_000)) {
            client.send(RespClient.encode("PING"));
            client.shutdownOutput();
            assertThat(client.readToEof()).isEqualTo("+PONG\r\n");
        }
    }

    /**
     * A request waits on a frozen server when SIGTERM arrives; a PING sent a second later must not be
     * read: not while the proxy waits, and not once the stuck reply has drained the client's queue
     * (which used to resume reading). The client gets the stuck reply, then the close, and nothing else.
     */
    @Test
    void afterSigtermNothingMoreIsReadFromAConnectedClient(@TempDir Path dir) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(HOST)) {
            int port = RedisServerProcess.freePort(HOST);
            try (LaunchedProxy proxy = launch(dir, port, redis); RespClient client = new RespClient(HOST, port, 30_000)) {
                assertThat(client.call("SET", "k", "v")).isEqualTo("+OK\r\n");
                redis.pause();
                try {
                    client.send(RespClient.encode("GET", "k"));
                    proxy.awaitStats("the GET forwarded",
                            d -> d.serverValue("alpha", "redis01", "requests") == 2);
                    proxy.signal("TERM");
                    Matcher stopping = proxy.awaitLog(Pattern.compile("stopping: listeners closed, (\\d+) requests in flight"));
                    assertThat(stopping.group(1)).isEqualTo("1");
                    Thread.sleep(1000);
                    client.send(RespClient.encode("PING"));
                    Thread.sleep(1000);
                    assertThat(client.available()).as("nothing answered while the proxy stops").isZero();
                    assertThat(proxy.process().isAlive()).as("waits for the GET in flight").isTrue();
                } finally {
                    redis.resume();
                }
                assertThat(client.readReply()).as("the stuck reply").isEqualTo("$1\r\nv\r\n");
                // Then the close, and nothing else: the PING was never read. It is still unread in the
                // proxy's socket when the proxy closes it, so the kernel ends the connection with RST.
                assertThat(client.readToClose()).as("nothing after the stuck reply").isEmpty();
                assertThat(proxy.awaitExit()).isZero();
                proxy.awaitLog("done, rabbit done");
            }
        }
    }

    /**
     * SIGTERM while a client that reads late has 8 MiB of finished replies waiting (more than the
     * kernel holds for one loopback connection, so part of them is still in the proxy): the proxy
     * writes every one before it closes the connection and exits.
     */
    @Test
    void sigtermDeliversEveryFinishedReplyToAClientThatReadsLate(@TempDir Path dir) throws Exception {
        int replies = 128;
        String value = "v".repeat(64 * 1024);
        String reply = "$" + value.length() + "\r\n" + value + "\r\n";
        try (RedisServerProcess redis = RedisServerProcess.start(HOST)) {
            int port = RedisServerProcess.freePort(HOST);
            try (LaunchedProxy proxy = launch(dir, port, redis); RespClient client = new RespClient(HOST, port, 30_000)) {
                assertThat(client.call("SET", "big", value)).isEqualTo("+OK\r\n");
                client.send(RespClient.pipeline(replies, "GET", "big"));
                proxy.awaitStats("every GET answered by Redis",
                        d -> d.serverValue("alpha", "redis01", "responses") == replies + 1);
                proxy.signal("TERM");
                proxy.awaitLog("stopping: listeners closed");
                for (int i = 0; i < replies; i++) {
                    assertThat(client.readReply()).as("reply %d", i).isEqualTo(reply);
                }
                assertThat(client.readToEof()).as("EOF after the last reply").isEmpty();
                assertThat(proxy.awaitExit()).isZero();
            }
        }
    }
}
