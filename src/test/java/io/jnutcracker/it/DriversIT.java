package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.clients.jedis.Jedis;

/**
 * Real drivers through the proxy, handshakes included: Lettuce 6 (HELLO 3, then RESP2 on
 * {@code -NOPROTO}), Jedis 5 (CLIENT SETINFO), Spring Data Redis on Lettuce; with and without
 * {@code redis_auth}. nutcracker closes the connection on HELLO and CLIENT, so these fail there.
 */
class DriversIT {
    private static RedisServerProcess a;
    private static RedisServerProcess b;
    private static ProxyProcess proxy;
    private static int port;
    private static int authPort;

    @BeforeAll
    static void start() throws Exception {
        a = RedisServerProcess.start("127.0.0.1");
        b = RedisServerProcess.start("127.0.0.1", "--requirepass", "s3cret");
        port = RedisServerProcess.freePort("127.0.0.1");
        authPort = RedisServerProcess.freePort("127.0.0.1");
        proxy = ProxyProcess.start("""
                plain:
                  listen: 127.0.0.1:%d
                  redis: true
                  servers:
                   - %s:1 redis01
                guarded:
                  listen: 127.0.0.1:%d
                  redis: true
                  redis_auth: s3cret
                  servers:
                   - %s:1 redis01
                """.formatted(port, a.address(), authPort, b.address()));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        a.close();
        b.close();
    }

    @Test
    void lettuceConnectsFallsBackToResp2AndPipelines() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().set("lettuce", "ok")).isEqualTo("OK");
            assertThat(c.sync().get("lettuce")).isEqualTo("ok");
            RedisAsyncCommands<String, String> async = c.async();
            c.setAutoFlushCommands(false);
            List<RedisFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                futures.add(async.incr("lettuce:counter"));
            }
            c.flushCommands();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1L);
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void lettuceAuthenticatesAgainstRedisAuth() {
        RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(authPort).withPassword("s3cret".toCharArray())
                .build();
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().set("guarded", "yes")).isEqualTo("OK");
            assertThat(c.sync().get("guarded")).isEqualTo("yes");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void jedisHandshakeAndCommands() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            assertThat(jedis.set("jedis", "ok")).isEqualTo("OK");
            assertThat(jedis.get("jedis")).isEqualTo("ok");
            assertThat(jedis.clientSetname("app-1")).isEqualTo("OK");
            assertThat(jedis.clientGetname()).isEqualTo("app-1");
        }
        try (Jedis jedis = new Jedis("127.0.0.1", authPort)) {
            jedis.auth("s3cret");
            assertThat(jedis.set("jedis", "guarded")).isEqualTo("OK");
        }
    }

    @Test
    void springDataRedisOnLettuce() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        try {
            StringRedisTemplate template = new StringRedisTemplate(factory);
            template.afterPropertiesSet();
            template.opsForValue().set("spring", "data");
            assertThat(template.opsForValue().get("spring")).isEqualTo("data");
            template.opsForHash().put("spring:h", "f", "v");
            assertThat(template.opsForHash().get("spring:h", "f")).isEqualTo("v");
            assertThat(template.delete(List.of("spring", "spring:h"))).isEqualTo(2L);
        } finally {
            factory.destroy();
        }
    }
}
