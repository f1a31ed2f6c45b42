package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Read fallback ({@code jn_read_fallback}, docs/READ-POOLS.md) on the seed's intended layout with real
 * replication: a replica is killed in each data centre while clients read every written key; the
 * reads of its keys go to the master of the same name (detail01: {@code pool:redis-master} in the
 * same process, with ejection; detail02: {@code proxy:} detail01's master pool, without ejection),
 * so no read misses and none fails.
 */
class ReadFallbackIT {
    private static final int KEYS = 300;

    @Test
    void killedReplicaInEachDataCentreCostsNoMissAndNoError() throws Exception {
        String h1 = "127.0.99.11";
        String h2 = "127.0.99.12";
        try (Replication redis = new Replication()) {
            RedisServerProcess m1 = redis.master(h1);
            RedisServerProcess m2 = redis.master(h1);
            RedisServerProcess r11 = redis.replica(h1, m1);
            RedisServerProcess r12 = redis.replica(h1, m2);
            RedisServerProcess r21 = redis.replica(h2, m1);
            RedisServerProcess r22 = redis.replica(h2, m2);
            redis.awaitLinksUp();
            int master = RedisServerProcess.freePort(h1);
            int read01 = RedisServerProcess.freePort(h1);
            int read02 = RedisServerProcess.freePort(h2);
            try (ProxyProcess detail01 = ProxyProcess.start("""
                    redis-master:
                      listen: %s:%d
                      redis: true
                      servers:
                       - %s:1 redis01
                       - %s:1 redis02
                    redis-slave:
                      listen: %s:%d
                      redis: true
                      auto_eject_hosts: true
                      server_failure_limit: 1
                      server_retry_timeout: 60000
                      jn_read_fallback: pool:redis-master
                      servers:
                       - %s:1 redis01
                       - %s:1 redis02
                    """.formatted(h1, master, m1.address(), m2.address(), h1, read01, r11.address(), r12.address()));
                 ProxyProcess detail02 = ProxyProcess.start("""
                    redis-slave:
                      listen: %s:%d
                      redis: true
                      jn_read_fallback: proxy:%s:%d
                      servers:
                       - %s:1 redis01
                       - %s:1 redis02
                    """.formatted(h2, read02, h1, master, r21.address(), r22.address()))) {
                List<String> keys = new ArrayList<>();
                try (RespClient writer = new RespClient(h1, master)) {
                    for (int i = 0; i < KEYS; i++) {
                        keys.add("fb:" + i);
                        assertThat(writer.call("SET", keys.get(i), "v:" + keys.get(i))).isEqualTo("+OK\r\n");
                    }
                    assertThat(writer.call("WAIT", "4", "5000")).startsWith("-ERR"); // refused: the proxy has no WAIT
                }
                Replication.awaitSynced(m1, r11, r21);
                Replication.awaitSynced(m2, r12, r22);
                try (RespClient dc1 = new RespClient(h1, read01); RespClient dc2 = new RespClient(h2, read02)) {
                    readAll(dc1, keys);
                    readAll(dc2, keys);
                    r12.kill(); // detail01's redis02
                    r21.kill(); // detail02's redis01
                    for (int round = 0; round < 5; round++) {
                        readAll(dc1, keys);
                        readAll(dc2, keys);
                    }
                }
            }
        }
    }

    /** Every key read back with its own value: no nil, no error. */
    private static void readAll(RespClient client, List<String> keys) throws Exception {
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (String key : keys) {
            pipeline.writeBytes(RespClient.encode("GET", key));
        }
        String[] mget = new String[keys.size() + 1];
        mget[0] = "MGET";
        for (int i = 0; i < keys.size(); i++) {
            mget[i + 1] = keys.get(i);
        }
        pipeline.writeBytes(RespClient.encode(mget));
        client.send(pipeline.toByteArray());
        StringBuilder all = new StringBuilder("*" + keys.size() + "\r\n");
        for (String key : keys) {
            String value = "v:" + key;
            String bulk = "$" + value.length() + "\r\n" + value + "\r\n";
            assertThat(client.readReply()).as("GET " + key).isEqualTo(bulk);
            all.append(bulk);
        }
        assertThat(client.readReply()).as("MGET of every key").isEqualTo(all.toString());
    }
}
