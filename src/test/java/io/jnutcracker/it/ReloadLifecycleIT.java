package io.jnutcracker.it;

import static io.jnutcracker.it.LaunchedProxy.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.Reload;
import io.jnutcracker.stats.StatsDocument;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that were connected before a reload (issue 12, issue 14 item 7), over real sockets against a
 * real redis-server: after a reload that changes their pool they are still counted and waited for by
 * SIGTERM; when their pool is removed they get every finished reply before the close.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReloadLifecycleIT {
    private static String pool(String name, int listen, String server, String extra) {
        return """
                %s:
                  listen: %s:%d
                  redis: true
                %s  servers:
                   - %s redis01
                """.formatted(name, HOST, listen, extra, server);
    }

    /**
     * Ten requests wait on a frozen server; SIGHUP changes the pool (the server's weight), then
     * SIGTERM: the proxy counts the ten as in flight, waits for them, and the client gets all ten
     * replies, then EOF, once the server resumes.
     */
    @Test
    void sigtermAfterAReloadWaitsForRequestsInFlight(@TempDir Path dir) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(HOST)) {
            int port = RedisServerProcess.freePort(HOST);
            try (LaunchedProxy proxy = LaunchedProxy.start(dir, pool("alpha", port, redis.address() + ":1", ""), port,
                    "--shutdown-timeout", "30000");
                 RespClient client = new RespClient(HOST, port, 30_000)) {
                assertThat(client.call("SET", "n", "0")).isEqualTo("+OK\r\n");
                StringBuilder expected = new StringBuilder();
                redis.pause();
                try {
                    for (int i = 1; i <= 10; i++) {
                        client.send(RespClient.encode("INCR", "n"));
                        expected.append(':').append(i).append("\r\n");
                    }
                    proxy.awaitStats("ten INCRs forwarded", d -> d.serverValue("alpha", "redis01", "requests") == 11);
                    proxy.reload(pool("alpha", port, redis.address() + ":2", ""));
                    proxy.awaitLog("reload applied: added [], removed [], changed [alpha], unchanged []");
                    proxy.signal("TERM");
                    Matcher stopping = proxy.awaitLog(Pattern.compile("stopping: listeners closed, (\\d+) requests in flight"));
                    assertThat(stopping.group(1)).as("the requests sent before the reload are in flight").isEqualTo("10");
                    assertThat(client.available()).isZero();
                    assertThat(proxy.process().isAlive()).as("waits for them").isTrue();
                } finally {
                    redis.resume();
                }
                assertThat(client.readToEof()).as("all ten replies, then EOF").isEqualTo(expected.toString());
                assertThat(proxy.awaitExit()).isZero();
                assertThat(proxy.logText()).doesNotContain("still unanswered");
            }
        }
    }

    /**
     * A client connected before a reload that changes its pool (its timeout) is still one of the
     * pool's client_connections, its requests keep adding to the server's counts from where they
     * were, and its close is counted as a client_eof.
     */
    @Test
    void aClientFromBeforeAReloadKeepsCounting() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(HOST)) {
            int port = RedisServerProcess.freePort(HOST);
            String server = redis.address() + ":1";
            try (ProxyProcess proxy = ProxyProcess.startWithStats(pool("alpha", port, server, ""), 20, false)) {
                RespClient client = new RespClient(HOST, port);
                try {
                    for (int i = 1; i <= 5; i++) {
                        assertThat(client.call("INCR", "counted")).isEqualTo(":" + i + "\r\n");
                    }
                    StatsDocument before = await(proxy, "five requests", d -> requests(d) == 5);
                    assertThat(before.poolValue("alpha", "client_connections")).isEqualTo(1);
                    assertThat(before.poolValue("alpha", "client_eof")).isZero();

                    Reload reload = proxy.reload(pool("alpha", port, server, "  timeout: 30000\n"));
                    assertThat(reload.changed()).as(reload.toString()).containsExactly("alpha");
                    for (int i = 6; i <= 10; i++) {
                        assertThat(client.call("INCR", "counted")).isEqualTo(":" + i + "\r\n");
                    }
                    StatsDocument after = await(proxy, "ten requests, the first five from before the reload",
                            d -> d.topValue("reloads") == 1 && requests(d) >= 10);
                    assertThat(requests(after)).isEqualTo(10);
                    assertThat(after.poolValue("alpha", "client_connections")).as("the client from before the reload")
                            .isEqualTo(1);
                } finally {
                    client.close();
                }
                StatsDocument closed = await(proxy, "the client's close counted",
                        d -> d.poolValue("alpha", "client_eof") >= 1);
                assertThat(closed.poolValue("alpha", "client_eof")).isEqualTo(1);
                assertThat(closed.poolValue("alpha", "client_connections")).isZero();
                assertThat(requests(closed)).isEqualTo(10);
            }
        }
    }

    /**
     * Twenty times: a client of a pool pipelines 128 GETs of a 64 KiB value and reads nothing until
     * every reply has come back from Redis (they wait in the proxy's and the kernel's buffers); then a
     * reload removes the pool. The client must read every reply, whole and in order, then EOF.
     */
    @Test
    void aRemovedPoolsClientGetsEveryFinishedReplyBeforeTheClose() throws Exception {
        // 8 MiB of replies: more than the kernel holds for one connection on loopback (the proxy's send
        // buffer grows to 4 MiB at most, tcp_wmem), so part of them waits in the proxy when the pool goes.
        int replies = 128;
        String value = "v".repeat(64 * 1024);
        String reply = "$" + value.length() + "\r\n" + value + "\r\n";
        try (RedisServerProcess redis = RedisServerProcess.start(HOST)) {
            String server = redis.address() + ":1";
            int keepPort = RedisServerProcess.freePort(HOST);
            String keep = pool("keep", keepPort, server, "");
            try (ProxyProcess proxy = ProxyProcess.startWithStats(keep, 20, false)) {
                try (RespClient setter = new RespClient(HOST, keepPort)) {
                    assertThat(setter.call("SET", "big", value)).isEqualTo("+OK\r\n");
                }
                byte[] pipeline = RespClient.pipeline(replies, "GET", "big");
                for (int round = 0; round < 20; round++) {
                    String name = "gone" + round; // a new name each round: stats from an earlier round cannot match
                    int port = RedisServerProcess.freePort(HOST);
                    assertThat(proxy.reload(keep + pool(name, port, server, "")).added()).containsExactly(name);
                    try (RespClient client = new RespClient(HOST, port, 30_000)) {
                        client.send(pipeline);
                        await(proxy, "round " + round + ": every GET answered by Redis",
                                d -> d.poolNames().contains(name)
                                        && d.serverValue(name, "redis01", "responses") == replies);
                        CompletableFuture<Reload> removal = CompletableFuture.supplyAsync(() -> {
                            try {
                                return proxy.reload(keep);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        for (int i = 0; i < replies; i++) {
                            assertThat(client.readReply()).as("round %d, reply %d", round, i).isEqualTo(reply);
                        }
                        assertThat(client.readToEof()).as("round %d: EOF after the last reply", round).isEmpty();
                        assertThat(removal.get(30, TimeUnit.SECONDS).removed()).containsExactly(name);
                    }
                }
            }
        }
    }

    private static long requests(StatsDocument d) {
        return d.serverValue("alpha", "redis01", "requests");
    }

    private static StatsDocument await(ProxyProcess proxy, String what, Predicate<StatsDocument> check)
            throws Exception {
        return LaunchedProxy.until(what, proxy::statsDocument, check);
    }
}
