package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.stats.PrometheusText;
import io.jnutcracker.stats.StatsDocument;
import org.junit.jupiter.api.Test;

/**
 * Replication-aware reads (docs/READ-POOLS.md section 4) with a real master and replica: a replica
 * whose link is cut, or that stops applying its master's stream, stops serving reads (the master
 * answers them, with its values) until it is back; a nil from the replica for a key written on the
 * master and not yet replicated is retried on the master. Every step is counted in the stats JSON
 * and on the Prometheus endpoint. Lag is made deterministic with {@code CLIENT PAUSE WRITE} on the
 * replica: the stream from its master is a writer, so it is held back while the link stays up and
 * the replica keeps acknowledging (seconds-based signals from Redis stay low; offsets do not).
 */
class ReplicaReadsIT {
    static final String H1 = "127.0.99.11";
    private static final String POOL = "redis-slave";
    private static final String MEMBER = "redis01";

    private static String yml(RedisServerProcess master, RedisServerProcess replica, String extra) throws Exception {
        return """
                redis-master:
                  listen: %s:%d
                  redis: true
                  servers:
                   - %s:1 redis01
                redis-slave:
                  listen: %s:%d
                  redis: true
                  jn_read_fallback: pool:redis-master
                %s  servers:
                   - %s:1 redis01
                """.formatted(H1, RedisServerProcess.freePort(H1), master.address(), H1, RedisServerProcess.freePort(H1),
                extra, replica.address());
    }

    private static int listenPort(ProxyProcess proxy, String pool) {
        return proxy.proxy().config().pool(pool).orElseThrow().listen().port();
    }

    @Test
    void aReplicaWhoseLinkIsCutServesNoReadsUntilItIsBack() throws Exception {
        try (Replication redis = new Replication()) {
            RedisServerProcess m1 = redis.master(H1);
            RedisServerProcess r1 = redis.replica(H1, m1);
            redis.awaitLinksUp();
            String conf = yml(m1, r1, "  jn_verify_interval: 1\n  jn_max_replica_lag: 30\n");
            try (ProxyProcess proxy = ProxyProcess.startWithStats(conf, 50, true);
                 RespClient writes = new RespClient(H1, listenPort(proxy, "redis-master"));
                 RespClient reads = new RespClient(H1, listenPort(proxy, POOL))) {
                assertThat(writes.call("SET", "cut:k", "before")).isEqualTo("+OK\r\n");
                Replication.awaitSynced(m1, r1);
                assertThat(reads.call("GET", "cut:k")).isEqualTo(bulk("before"));

                int dead = RedisServerProcess.freePort(H1);
                assertThat(r1.command("REPLICAOF " + H1 + " " + dead)).isEqualTo("+OK");
                assertThat(writes.call("SET", "cut:k", "after")).isEqualTo("+OK\r\n");
                assertThat(r1.command("GET cut:k")).isEqualTo("$6"); // the replica still has "before"

                // once the check has seen the link down, every read is the master's
                awaitRead(reads, "cut:k", bulk("after"));
                for (int i = 0; i < 20; i++) {
                    assertThat(reads.call("GET", "cut:k")).isEqualTo(bulk("after"));
                }
                StatsDocument doc = proxy.awaitStats(d -> d.topValue("unreadable_reads") >= 21, 20);
                assertThat(doc.topValue("replicas_unreadable")).isEqualTo(1);
                assertThat(doc.topValue("replica_marks")).isEqualTo(1);
                PrometheusText prom = proxy.prometheus();
                assertThat(prom.value("nutcracker_server_unreadable", "pool", POOL, "server", MEMBER)).isEqualTo(1);
                assertThat(prom.value("nutcracker_replicas_unreadable")).isEqualTo(1);
                assertThat(prom.value("nutcracker_replica_marks_total")).isEqualTo(1);
                assertThat(prom.value("nutcracker_unreadable_reads_total", "pool", POOL)).isGreaterThanOrEqualTo(21);

                // back: readable again at the first check that sees the link up; reads go to it again
                assertThat(r1.command("REPLICAOF " + m1.host() + " " + m1.port())).isEqualTo("+OK");
                redis.awaitLinksUp();
                doc = proxy.awaitStats(d -> d.topValue("replicas_unreadable") == 0, 20);
                assertThat(doc.topValue("replica_marks")).isEqualTo(1);
                assertThat(proxy.prometheus().value("nutcracker_server_unreadable", "pool", POOL, "server", MEMBER))
                        .isZero();
                long redirected = doc.topValue("unreadable_reads");
                long served = doc.serverValue(POOL, MEMBER, "requests");
                for (int i = 0; i < 10; i++) {
                    assertThat(reads.call("GET", "cut:k")).isEqualTo(bulk("after"));
                }
                doc = proxy.awaitStats(d -> d.serverValue(POOL, MEMBER, "requests") >= served + 10, 20);
                assertThat(doc.topValue("unreadable_reads")).isEqualTo(redirected);
            }
        }
    }

    @Test
    void aReplicaThatFallsBehindIsMarkedAndRecoversWhenItCatchesUp() throws Exception {
        try (Replication redis = new Replication()) {
            RedisServerProcess m1 = redis.master(H1);
            RedisServerProcess r1 = redis.replica(H1, m1);
            redis.awaitLinksUp();
            String conf = yml(m1, r1, "  jn_verify_interval: 1\n  jn_max_replica_lag: 1\n");
            try (ProxyProcess proxy = ProxyProcess.startWithStats(conf, 50, true);
                 RespClient writes = new RespClient(H1, listenPort(proxy, "redis-master"));
                 RespClient reads = new RespClient(H1, listenPort(proxy, POOL))) {
                assertThat(writes.call("SET", "lag:k", "old")).isEqualTo("+OK\r\n");
                Replication.awaitSynced(m1, r1);
                proxy.awaitStats(d -> d.topValue("topology_checks") >= 2, 20);
                assertThat(proxy.prometheus().value("nutcracker_server_unreadable", "pool", POOL, "server", MEMBER))
                        .isZero();

                // the replica stops applying its master's stream; its link stays up
                assertThat(r1.command("CLIENT PAUSE 60000 WRITE")).isEqualTo("+OK");
                assertThat(writes.call("SET", "lag:k", "new")).isEqualTo("+OK\r\n");
                awaitRead(reads, "lag:k", bulk("new")); // stale ("old") until it is marked
                StatsDocument doc = proxy.awaitStats(d -> d.topValue("replicas_unreadable") == 1, 20);
                assertThat(doc.topValue("topology_links_down")).isZero();
                PrometheusText prom = proxy.prometheus();
                assertThat(prom.value("nutcracker_server_unreadable", "pool", POOL, "server", MEMBER)).isEqualTo(1);
                assertThat(prom.value("nutcracker_server_replica_lag_seconds", "pool", POOL, "server", MEMBER))
                        .isGreaterThan(1);

                assertThat(r1.command("CLIENT UNPAUSE")).isEqualTo("+OK");
                doc = proxy.awaitStats(d -> d.topValue("replicas_unreadable") == 0, 20);
                assertThat(doc.topValue("replica_marks")).isEqualTo(1);
                assertThat(proxy.prometheus().value("nutcracker_server_replica_lag_seconds", "pool", POOL, "server",
                        MEMBER)).isLessThanOrEqualTo(1);
                assertThat(r1.command("GET lag:k")).isEqualTo("$3");
                assertThat(reads.call("GET", "lag:k")).isEqualTo(bulk("new"));
            }
        }
    }

    @Test
    void aMissOnTheReplicaIsRetriedOnTheMaster() throws Exception {
        try (Replication redis = new Replication()) {
            RedisServerProcess m1 = redis.master(H1);
            RedisServerProcess r1 = redis.replica(H1, m1);
            redis.awaitLinksUp();
            String conf = yml(m1, r1, "  jn_retry_miss_on_master: true\n");
            try (ProxyProcess proxy = ProxyProcess.startWithStats(conf, 50, true);
                 RespClient writes = new RespClient(H1, listenPort(proxy, "redis-master"));
                 RespClient reads = new RespClient(H1, listenPort(proxy, POOL))) {
                // written on the master, held back from the replica: deterministic "not there yet"
                assertThat(r1.command("CLIENT PAUSE 60000 WRITE")).isEqualTo("+OK");
                assertThat(writes.call("SET", "miss:k", "fresh")).isEqualTo("+OK\r\n");
                assertThat(writes.call("HSET", "miss:h", "f", "v")).isEqualTo(":1\r\n");
                assertThat(r1.command("EXISTS miss:k")).isEqualTo(":0");

                assertThat(reads.call("GET", "miss:k")).isEqualTo(bulk("fresh"));
                assertThat(reads.call("HGET", "miss:h", "f")).isEqualTo(bulk("v"));
                assertThat(reads.call("GET", "miss:none")).isEqualTo("$-1\r\n"); // retried, a miss on both
                // not in the table: an empty answer is not a nil (EXISTS), and MGET's nils are not retried
                assertThat(reads.call("EXISTS", "miss:k")).isEqualTo(":0\r\n");
                assertThat(reads.call("MGET", "miss:k")).isEqualTo("*1\r\n$-1\r\n");

                StatsDocument doc = proxy.awaitStats(d -> d.topValue("miss_retries") == 3, 20);
                assertThat(doc.topValue("miss_retry_hits")).isEqualTo(2);
                assertThat(doc.topValue("unreadable_reads")).isZero();
                PrometheusText prom = proxy.prometheus();
                assertThat(prom.value("nutcracker_miss_retries_total", "pool", POOL)).isEqualTo(3);
                assertThat(prom.value("nutcracker_miss_retry_hits_total", "pool", POOL)).isEqualTo(2);
                assertThat(r1.command("CLIENT UNPAUSE")).isEqualTo("+OK");
            }
        }
    }

    private static String bulk(String value) {
        return "$" + value.length() + "\r\n" + value + "\r\n";
    }

    /** Reads {@code key} through the read pool until it answers {@code expected} (generous deadline). */
    private static void awaitRead(RespClient reads, String key, String expected) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String got = reads.call("GET", key);
        while (!got.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            got = reads.call("GET", key);
        }
        assertThat(got).as("GET " + key + " through the read pool").isEqualTo(expected);
    }

}
