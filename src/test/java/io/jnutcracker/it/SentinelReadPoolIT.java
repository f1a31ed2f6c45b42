package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.route.Pool;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A read pool that resolves its own replicas ({@code jn_sentinels} with {@code jn_sentinel_local}):
 * its member redis01 names the master (in another data centre, 127.0.99.42), and the proxy reads
 * from a local replica (127.0.99.41) that three real Sentinels report. When the master is killed
 * and Sentinel promotes that very replica, the member follows to the other local replica, which
 * Sentinel has re-pointed at the new master, and reads a key written there.
 */
class SentinelReadPoolIT {
    private static final String LOCAL = "127.0.99.41";
    private static final String REMOTE = "127.0.99.42";

    @Test
    void replicaResolutionFollowsAPromotion() throws Exception {
        try (Replication redis = new Replication()) {
            RedisServerProcess master = redis.master(REMOTE);
            RedisServerProcess a = redis.replica(LOCAL, master);
            RedisServerProcess b = redis.replica(LOCAL, master);
            redis.awaitLinksUp();
            // Sentinel promotes the lowest replica-priority; the proxy prefers the lowest address among
            // replicas of equal standing: so the first one chosen is the one that will be promoted.
            RedisServerProcess first = a.address().compareTo(b.address()) < 0 ? a : b;
            RedisServerProcess second = first == a ? b : a;
            assertThat(first.command("CONFIG SET replica-priority 10")).isEqualTo("+OK");
            try (SentinelSet sentinels = new SentinelSet(LOCAL, Map.of("redis01", master.address()))) {
                sentinels.awaitReady("redis01", 2);
                int port = RedisServerProcess.freePort(LOCAL);
                try (ProxyProcess proxy = ProxyProcess.start("""
                        redis-slave:
                          listen: %s:%d
                          redis: true
                          jn_sentinels: %s
                          jn_sentinel_local: %s/32
                          servers:
                           - %s:1 redis01
                        """.formatted(LOCAL, port, sentinels.addresses(), LOCAL, master.address()));
                     RespClient client = new RespClient(LOCAL, port)) {
                    Pool pool = proxy.proxy().servers().get(0).pool();
                    assertThat(memberAddress(pool)).isEqualTo(first.address());
                    master.command("SET before 1");
                    Replication.awaitSynced(master, first, second);
                    assertThat(client.call("GET", "before")).isEqualTo("$1\r\n1\r\n");

                    master.kill();
                    awaitMember(pool, second.address());
                    assertThat(sentinels.first().command("SENTINEL get-master-addr-by-name redis01")).isEqualTo("*2");
                    assertThat(first.command("ROLE")).isEqualTo("*3"); // promoted: a master's ROLE
                    first.command("SET after 2");
                    Replication.awaitSynced(first, second);
                    assertThat(client.call("GET", "after")).isEqualTo("$1\r\n2\r\n");
                    assertThat(client.call("GET", "before")).isEqualTo("$1\r\n1\r\n");
                }
            }
        }
    }

    private static String memberAddress(Pool pool) {
        return pool.generation().config().servers().get(0).address();
    }

    private static void awaitMember(Pool pool, String address) {
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (!memberAddress(pool).equals(address) && System.nanoTime() < deadline) {
            RedisServerProcess.sleep(100);
        }
        assertThat(memberAddress(pool)).isEqualTo(address);
    }
}
