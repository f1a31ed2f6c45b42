package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Transaction;

/**
 * Blocking commands, transactions and Pub/Sub through the proxy (issue 16), with real redis-servers,
 * Jedis and Lettuce: each on a server connection of the client's own. Two proxies of one pool share
 * two servers; nutcracker closes the client on every one of these commands.
 */
class DedicatedIT {
    private static RedisServerProcess a;
    private static RedisServerProcess b;
    private static ProxyProcess proxy;
    private static ProxyProcess other;
    private static int port;
    private static int otherPort;
    private static int cappedPort;
    /** Keys (and channels) on server a, and on server b. */
    private static String onA;
    private static String onB;

    @BeforeAll
    static void start() throws Exception {
        a = RedisServerProcess.start("127.0.0.1");
        b = RedisServerProcess.start("127.0.0.1");
        port = RedisServerProcess.freePort("127.0.0.1");
        otherPort = RedisServerProcess.freePort("127.0.0.1");
        cappedPort = RedisServerProcess.freePort("127.0.0.1");
        String pool = """
                  redis: true
                  timeout: 300
                  servers:
                   - %s:1 a
                   - %s:1 b
                """.formatted(a.address(), b.address());
        proxy = ProxyProcess.start("shared:\n  listen: 127.0.0.1:" + port + "\n" + pool
                + "capped:\n  listen: 127.0.0.1:" + cappedPort + "\n  jn_dedicated_connections: 1\n" + pool);
        other = ProxyProcess.start("shared:\n  listen: 127.0.0.1:" + otherPort + "\n" + pool);
        try (RespClient c = new RespClient("127.0.0.1", port); RespClient direct = new RespClient("127.0.0.1", a.port())) {
            for (int i = 0; onA == null || onB == null; i++) {
                String k = "k" + i;
                c.call("SET", k, "1");
                if (direct.call("EXISTS", k).equals(":1\r\n")) {
                    onA = onA == null ? k : onA;
                } else {
                    onB = onB == null ? k : onB;
                }
                c.call("DEL", k);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        other.close();
        proxy.close();
        a.close();
        b.close();
    }

    @Test
    void jedisBlockingPopOutlivesThePoolTimeoutAndEndsByItsOwn() throws Exception {
        String queue = onA + ":q";
        try (Jedis consumer = new Jedis("127.0.0.1", port); Jedis producer = new Jedis("127.0.0.1", otherPort)) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> consumer.blpop(5, queue));
            awaitBlocked("cmd=blpop");
            Thread.sleep(700); // over the pool timeout (300 ms): a shared connection would have been cut
            assertThat(producer.rpush(queue, "job-1")).isEqualTo(1L);
            assertThat(popped.get(5, TimeUnit.SECONDS)).containsExactly(queue, "job-1");
            assertThat(consumer.brpop(1, queue)).isNull(); // its own timeout: a nil, not a pool error
            assertThat(consumer.get(onB)).isNull(); // then the shared connections again
        }
    }

    @Test
    void lettuceBlockingMoveAndPop() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> c = client.connect();
             StatefulRedisConnection<String, String> p = client.connect()) {
            String src = "{" + onB + "}src";
            String dst = "{" + onB + "}dst";
            RedisFuture<KeyValue<String, String>> pop = c.async().brpop(5, onB + ":lq");
            p.sync().lpush(onB + ":lq", "x");
            assertThat(pop.get(5, TimeUnit.SECONDS)).isEqualTo(KeyValue.just(onB + ":lq", "x"));
            p.sync().rpush(src, "m");
            assertThat(c.sync().brpoplpush(1, src, dst)).isEqualTo("m");
            assertThat(p.sync().lrange(dst, 0, -1)).containsExactly("m");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void blockingKeysOnTwoServersAreRefused() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            assertThat(c.call("BLPOP", onA, onB, "1")).isEqualTo("-CROSSSLOT Keys in request don't hash to the same server\r\n");
            assertThat(c.call("BLMPOP", "1", "2", onA, onB, "LEFT")).startsWith("-CROSSSLOT");
            assertThat(c.call("XREAD", "COUNT", "1", "STREAMS", onA)).startsWith("-ERR syntax error");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void jedisWatchConflictAbortsAndACleanTransactionCommits() throws Exception {
        String stock = onA + ":stock";
        try (Jedis j = new Jedis("127.0.0.1", port); Jedis rival = new Jedis("127.0.0.1", otherPort)) {
            j.set(stock, "10");
            j.watch(stock);
            rival.decr(stock); // through another proxy: the WATCH sees it on the server
            Transaction t = j.multi();
            t.decr(stock);
            assertThat(t.exec()).isNull();
            j.watch(stock);
            Transaction ok = j.multi();
            ok.decr(stock);
            ok.get(stock);
            assertThat(ok.exec()).containsExactly(8L, "8");
        }
    }

    @Test
    void lettuceTransaction() {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            var sync = c.sync();
            assertThat(sync.multi()).isEqualTo("OK");
            sync.set(onB + ":t", "1");
            sync.incr(onB + ":t");
            TransactionResult result = sync.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat((Object) result.get(1)).isEqualTo(2L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void keyOnAnotherServerInsideMultiIsCrossslotAndExecAborts() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", onA, "1")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("SET", onB, "1")).isEqualTo("-CROSSSLOT Keys in request don't hash to the same server\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
            assertThat(c.call("EXISTS", onA)).isEqualTo(":0\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("DISCARD")).isEqualTo("+OK\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
        }
    }

    @Test
    void pubSubAcrossTwoProxiesAndServers() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                if (count == 2) {
                    psubscribe("news.*");
                }
            }

            @Override
            public void onPSubscribe(String pattern, int count) {
                if (count == 3) { // two channels and the pattern, counted over both servers
                    subscribed.complete(null);
                }
            }

            @Override
            public void onMessage(String channel, String message) {
                got.add(channel + "=" + message);
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                got.add(pattern + ":" + channel + "=" + message);
            }
        };
        try (Jedis sub = new Jedis("127.0.0.1", port); Jedis pub = new Jedis("127.0.0.1", otherPort)) {
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> sub.subscribe(listener, onA, onB));
            subscribed.get(5, TimeUnit.SECONDS);
            assertThat(pub.publish(onA, "1")).isEqualTo(1L);
            assertThat(pub.publish(onB, "2")).isEqualTo(1L);
            assertThat(pub.publish(onA, "3")).isEqualTo(1L);
            assertThat(pub.publish("news.x", "4")).isEqualTo(1L);
            assertThat(List.of(poll(got), poll(got), poll(got), poll(got)))
                    .containsExactlyInAnyOrder(onA + "=1", onB + "=2", onA + "=3", "news.*:news.x=4");
            listener.unsubscribe();
            listener.punsubscribe();
            loop.get(5, TimeUnit.SECONDS); // Jedis leaves its loop once the count is 0
            assertThat(sub.get(onA)).isNull();
        }
    }

    private static String poll(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(5, TimeUnit.SECONDS);
        assertThat(s).as("a message within 5 s").isNotNull();
        return s;
    }

    @Test
    void lettucePubSubKeepsOrderPerChannel() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
             StatefulRedisConnection<String, String> pub = RedisClient.create(RedisURI.create("127.0.0.1", otherPort))
                     .connect()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    got.add(message);
                }
            });
            sub.sync().subscribe(onB);
            for (int i = 0; i < 100; i++) {
                pub.sync().publish(onB, Integer.toString(i));
            }
            for (int i = 0; i < 100; i++) {
                assertThat(poll(got)).isEqualTo(Integer.toString(i));
            }
            sub.sync().unsubscribe(onB);
            assertThat(pub.sync().publish(onB, "late")).isEqualTo(0L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void subscribedModeAllowsWhatRedisAllows() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            c.send(RespClient.encode("SUBSCRIBE", onA, onB));
            assertThat(c.readReply() + c.readReply()).isEqualTo(
                    "*3\r\n$9\r\nsubscribe\r\n$" + onA.length() + "\r\n" + onA + "\r\n:1\r\n"
                            + "*3\r\n$9\r\nsubscribe\r\n$" + onB.length() + "\r\n" + onB + "\r\n:2\r\n");
            assertThat(c.call("GET", onA)).isEqualTo("-ERR Can't execute 'get': only (P|S)SUBSCRIBE /"
                    + " (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
            assertThat(c.call("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
            c.send(RespClient.encode("UNSUBSCRIBE"));
            assertThat(c.readReply() + c.readReply()).contains(":1\r\n").endsWith(":0\r\n");
            assertThat(c.call("GET", onA)).isEqualTo("$-1\r\n"); // out of subscribed mode
            assertThat(c.call("UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n");
        }
    }

    @Test
    void theCapRefusesAtOnceAndAClosedWaiterFreesItsConnection() throws Exception {
        try (RespClient waiter = new RespClient("127.0.0.1", cappedPort);
             RespClient second = new RespClient("127.0.0.1", cappedPort)) {
            waiter.send(RespClient.encode("BLPOP", onA + ":cap", "0"));
            awaitBlocked("cmd=blpop");
            assertThat(second.call("BLPOP", onB + ":cap", "1")).startsWith("-ERR too many server connections held by single clients in pool 'capped'"
                    + " (jn_dedicated_connections: 1)");
            assertThat(second.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(second.call("SET", onA, "x")).startsWith("-ERR too many server connections");
            assertThat(second.call("EXEC")).startsWith("-EXECABORT");
            assertThat(second.call("GET", onB)).isEqualTo("$-1\r\n"); // the shared connections serve on
            waiter.close(); // mid-wait: its connection closes and goes back under the cap
            String reply = "";
            for (int i = 0; i < 100 && !reply.equals("*-1\r\n"); i++) {
                reply = second.call("BLPOP", onB + ":cap", "0.05");
                Thread.sleep(20); // the proxy sees the close on its own time
            }
            assertThat(reply).isEqualTo("*-1\r\n");
        }
    }

    /** Waits until a client of the proxy is blocked in a server ({@code cmd=blpop} in its CLIENT LIST). */
    static void awaitBlocked(String what) throws Exception {
        try (RespClient direct = new RespClient("127.0.0.1", a.port()); RespClient directB = new RespClient("127.0.0.1", b.port())) {
            for (int i = 0; i < 500; i++) {
                if (direct.call("CLIENT", "LIST").contains(what) || directB.call("CLIENT", "LIST").contains(what)) {
                    return;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no client with " + what);
    }
}
