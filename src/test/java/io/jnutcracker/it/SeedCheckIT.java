package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.lab.WriteupCheck;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The seed write-up's own check on its intended layout (../shared/seed/TOPOLOGY.md), with real
 * replication: two masters on "host" 127.0.99.11, one replica of each in each data centre named like
 * its master, a master pool and a read pool in detail01's proxy and a read pool in detail02's. Keys
 * written through the master pool are read back through both read pools.
 */
class SeedCheckIT {
    /** The write-up's writes, as the lab makes them. */
    static final Map<String, String> WRITTEN = WriteupCheck.WRITES;

    private static Replication redis;
    private static RedisServerProcess master1;
    private static RedisServerProcess master2;
    private static ProxyProcess detail01;
    private static ProxyProcess detail02;
    private static int masterPort;
    private static int read01Port;
    private static int read02Port;

    @BeforeAll
    static void start() throws Exception {
        String h1 = "127.0.99.11";
        String h2 = "127.0.99.12";
        redis = new Replication();
        master1 = redis.master(h1);
        master2 = redis.master(h1);
        RedisServerProcess r11 = redis.replica(h1, master1);
        RedisServerProcess r12 = redis.replica(h1, master2);
        RedisServerProcess r21 = redis.replica(h2, master1);
        RedisServerProcess r22 = redis.replica(h2, master2);
        redis.awaitLinksUp();
        masterPort = RedisServerProcess.freePort(h1);
        read01Port = RedisServerProcess.freePort(h1);
        read02Port = RedisServerProcess.freePort(h2);
        // The seed's pools, with its 1-space indentation, mapped to loopback.
        detail01 = ProxyProcess.start("""
                redis-master:
                  listen: %s:%d
                  hash: fnv1a_64
                  distribution: ketama
                  redis: true
                  servers:
                   - %s:1 redis01
                   - %s:1 redis02

                redis-slave:
                 listen: %s:%d
                 hash: fnv1a_64
                 distribution: ketama
                 redis: true
                 servers:
                  - %s:1 redis01
                  - %s:1 redis02
                """.formatted(h1, masterPort, master1.address(), master2.address(), h1, read01Port,
                r11.address(), r12.address()));
        detail02 = ProxyProcess.start("""
                redis-slave:
                 listen: %s:%d
                 hash: fnv1a_64
                 distribution: ketama
                 redis: true
                 servers:
                  - %s:1 redis01
                  - %s:1 redis02
                """.formatted(h2, read02Port, r21.address(), r22.address()));
    }

    @AfterAll
    static void stop() throws Exception {
        detail01.close();
        detail02.close();
        redis.close();
    }

    @Test
    void keysWrittenThroughTheMasterPoolAreReadInBothDataCentres() throws Exception {
        try (Jedis writer = new Jedis("127.0.99.11", masterPort)) {
            WRITTEN.forEach((k, v) -> assertThat(writer.set(k, v)).isEqualTo("OK"));
        }
        // Placement as nutcracker's (REFERENCE 7.5): k1 p1 product on redis01, hello hello1 on redis02.
        assertThat(master1.command("GET k1")).isEqualTo("$2");
        assertThat(master1.command("EXISTS product")).isEqualTo(":1");
        assertThat(master2.command("EXISTS hello")).isEqualTo(":1");
        assertThat(master2.command("EXISTS k1")).isEqualTo(":0");
        for (int readPort : new int[] {read01Port, read02Port}) {
            String host = readPort == read01Port ? "127.0.99.11" : "127.0.99.12";
            try (Jedis reader = new Jedis(host, readPort)) {
                WRITTEN.forEach((k, v) -> assertThat(awaitValue(reader, k)).as(host + " get " + k).isEqualTo(v));
                assertThat(reader.get("k2")).isNull();
                assertThat(reader.get("hell1")).isNull();
            }
        }
    }

    /** Replication is asynchronous: give a replica a moment to catch up. */
    private static String awaitValue(Jedis reader, String key) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        String v = reader.get(key);
        while (v == null && System.nanoTime() < deadline) {
            RedisServerProcess.sleep(20);
            v = reader.get(key);
        }
        return v;
    }
}
