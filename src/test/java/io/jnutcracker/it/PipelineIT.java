package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Pipelining over two servers: 10k commands sent as one stream cut at random byte boundaries come
 * back complete and in request order, each reply provably the answer to its own request.
 */
class PipelineIT {
    private static RedisServerProcess a;
    private static RedisServerProcess b;
    private static ProxyProcess proxy;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        a = RedisServerProcess.start("127.0.0.1");
        b = RedisServerProcess.start("127.0.0.1");
        port = RedisServerProcess.freePort("127.0.0.1");
        proxy = ProxyProcess.start("""
                pipe:
                  listen: 127.0.0.1:%d
                  redis: true
                  hash: fnv1a_64
                  distribution: ketama
                  servers:
                   - %s:1 one
                   - %s:1 two
                """.formatted(port, a.address(), b.address()));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        a.close();
        b.close();
    }

    @Test
    void tenThousandCommandsSplitAtRandomBoundariesComeBackInOrder() throws Exception {
        Random random = new Random(42);
        int n = 10_000;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "pipe:" + i;
            switch (i % 4) {
                case 0 -> {
                    stream.writeBytes(RespClient.encode("SET", key, "value-" + i));
                    expected.add("+OK\r\n");
                }
                case 1 -> {
                    String prev = "pipe:" + (i - 1);
                    stream.writeBytes(RespClient.encode("GET", prev));
                    String v = "value-" + (i - 1);
                    expected.add("$" + v.length() + "\r\n" + v + "\r\n");
                }
                case 2 -> {
                    stream.writeBytes(RespClient.encode("INCRBY", key, Integer.toString(i)));
                    expected.add(":" + i + "\r\n");
                }
                default -> {
                    stream.writeBytes(RespClient.encode("PING"));
                    expected.add("+PONG\r\n");
                }
            }
        }
        byte[] bytes = stream.toByteArray();
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            CompletableFuture<List<String>> replies = CompletableFuture.supplyAsync(() -> {
                List<String> got = new ArrayList<>();
                try {
                    for (int i = 0; i < n; i++) {
                        got.add(c.readReply());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("after " + got.size() + " replies", e);
                }
                return got;
            });
            OutputStream out = c.outputStream();
            for (int pos = 0; pos < bytes.length; ) {
                int len = Math.min(bytes.length - pos, 1 + random.nextInt(random.nextBoolean() ? 7 : 700));
                out.write(bytes, pos, len);
                out.flush();
                pos += len;
            }
            assertThat(replies.get(60, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
        }
        // Both servers took part.
        assertThat(a.command("DBSIZE")).isNotEqualTo(":0");
        assertThat(b.command("DBSIZE")).isNotEqualTo(":0");
    }

    @Test
    void jedisPipelineGetsEveryReplyInOrder() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            Pipeline p = jedis.pipelined();
            List<Response<String>> sets = new ArrayList<>();
            List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                sets.add(p.set("jp:" + i, "v" + i));
                gets.add(p.get("jp:" + i));
            }
            p.sync();
            for (int i = 0; i < 2000; i++) {
                assertThat(sets.get(i).get()).isEqualTo("OK");
                assertThat(gets.get(i).get()).isEqualTo("v" + i);
            }
        }
    }
}
