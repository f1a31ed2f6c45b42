package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Sentinel-driven master pool ({@code jn_sentinels}) with three real Sentinels: master redis01 is
 * killed under pipelined writes. Writes to redis01's keys fail while Sentinel fails over, then go to
 * the promoted replica, soon after Sentinel's own {@code +switch-master}; the client's connection
 * stays up throughout; redis02's writes never fail; no key changes server; no reply answers another
 * request (each SET is followed by a GET of the same key, which must return what was just written).
 */
class SentinelFailoverIT {
    private static final String HOST = "127.0.99.31";
    private static final int KEYS = 200;
    private static final int BATCH = 50;

    /** One SET as the writer saw it answered. */
    private record Ack(int key, String value, boolean ok, long atNanos) {
    }

    @Test
    void killedMasterIsReplacedInPlaceUnderPipelinedWrites() throws Exception {
        try (Replication redis = new Replication()) {
            RedisServerProcess m1 = redis.master(HOST);
            RedisServerProcess m2 = redis.master(HOST);
            RedisServerProcess r1 = redis.replica(HOST, m1);
            redis.awaitLinksUp();
            try (SentinelSet sentinels = new SentinelSet(HOST,
                    Map.of("redis01", m1.address(), "redis02", m2.address()))) {
                sentinels.awaitReady("redis01", 1);
                int port = RedisServerProcess.freePort(HOST);
                try (ProxyProcess proxy = ProxyProcess.start("""
                        redis-master:
                          listen: %s:%d
                          redis: true
                          hash: murmur
                          timeout: 1000
                          jn_sentinels: %s
                          servers:
                           - %s:1 redis01
                           - %s:1 redis02
                        """.formatted(HOST, port, sentinels.addresses(), m1.address(), m2.address()));
                     SwitchListener switches = new SwitchListener(sentinels.first().host(), sentinels.first().port())) {
                    Writer writer = new Writer(port);
                    Thread t = new Thread(writer, "writer");
                    t.start();
                    awaitAcks(writer, 2 * KEYS);
                    assertThat(writer.firstError).as("before the kill").isNull();
                    Map<Integer, Boolean> onRedis01 = placement(m1, m2);

                    long killedAt = System.nanoTime();
                    m1.kill();
                    long switchedAt = switches.await(30, TimeUnit.SECONDS);
                    awaitOkAfter(writer, switchedAt + TimeUnit.SECONDS.toNanos(1));
                    writer.stop = true;
                    t.join(10_000);

                    assertThat(writer.failure).as("the client's connection").isNull();
                    assertThat(writer.crossed).as("replies that answered another request").isZero();
                    List<Ack> acks = writer.acks();
                    List<Ack> failed = acks.stream().filter(a -> !a.ok()).toList();
                    assertThat(failed).as("writes failed while Sentinel failed over").isNotEmpty();
                    assertThat(failed).as("redis02's writes").allMatch(a -> onRedis01.get(a.key()));
                    long lastFailure = failed.get(failed.size() - 1).atNanos();
                    assertThat(lastFailure).isGreaterThan(killedAt);
                    // Generous: the proxy moves at the first +switch-master it can confirm; this
                    // bounds a wrong rule (waiting for a resync, or never moving), not a fast machine.
                    assertThat(lastFailure - switchedAt).as("ns from +switch-master to the last failed write")
                            .isLessThan(TimeUnit.SECONDS.toNanos(3));

                    String promoted = sentinels.first().command("SENTINEL get-master-addr-by-name redis01");
                    assertThat(r1.command("ROLE")).isEqualTo("*3"); // a master's ROLE has 3 elements
                    assertThat(proxy.proxy().servers().get(0).pool().generation().config().servers().get(0).address())
                            .isEqualTo(r1.address());
                    assertThat(promoted).isEqualTo("*2");
                    assertNoKeyMoved(acks, onRedis01, switchedAt, r1, m2);
                }
            }
        }
    }

    /** Every key written after the switch is on its own master, with its last value, and not on the other. */
    private static void assertNoKeyMoved(List<Ack> acks, Map<Integer, Boolean> onRedis01, long switchedAt,
                                         RedisServerProcess redis01, RedisServerProcess redis02) throws IOException {
        Map<Integer, Ack> last = new HashMap<>();
        for (Ack a : acks) {
            if (a.ok()) {
                last.put(a.key(), a);
            }
        }
        int checked = 0;
        try (RespClient one = new RespClient(redis01.host(), redis01.port());
             RespClient two = new RespClient(redis02.host(), redis02.port())) {
            for (Ack a : last.values()) {
                if (a.atNanos() <= switchedAt) {
                    continue; // acknowledged by the old master: asynchronous replication may have lost it
                }
                RespClient home = onRedis01.get(a.key()) ? one : two;
                RespClient other = home == one ? two : one;
                assertThat(home.call("GET", "k:" + a.key())).isEqualTo(bulk(a.value()));
                assertThat(other.call("EXISTS", "k:" + a.key())).isEqualTo(":0\r\n");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(KEYS);
    }

    private static Map<Integer, Boolean> placement(RedisServerProcess m1, RedisServerProcess m2) throws IOException {
        Map<Integer, Boolean> on1 = new HashMap<>();
        try (RespClient one = new RespClient(m1.host(), m1.port()); RespClient two = new RespClient(m2.host(), m2.port())) {
            for (int k = 0; k < KEYS; k++) {
                boolean a = one.call("EXISTS", "k:" + k).equals(":1\r\n");
                boolean b = two.call("EXISTS", "k:" + k).equals(":1\r\n");
                assertThat(a ^ b).as("k:%d on exactly one master", k).isTrue();
                on1.put(k, a);
            }
        }
        assertThat(on1.values()).contains(true, false);
        return on1;
    }

    private static void awaitAcks(Writer w, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (w.acks().size() < n && System.nanoTime() < deadline && w.failure == null) {
            RedisServerProcess.sleep(20);
        }
        assertThat(w.acks().size()).isGreaterThanOrEqualTo(n);
    }

    private static void awaitOkAfter(Writer w, long nanos) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && w.failure == null) {
            List<Ack> acks = w.acks();
            if (!acks.isEmpty() && acks.get(acks.size() - 1).atNanos() > nanos
                    && acks.stream().filter(a -> a.atNanos() > nanos).count() >= 2L * KEYS) {
                return;
            }
            RedisServerProcess.sleep(50);
        }
    }

    static String bulk(String v) {
        return "$" + v.length() + "\r\n" + v + "\r\n";
    }

    /** Pipelines {@code SET k:j v} + {@code GET k:j} pairs, {@link #BATCH} keys at a time, over one connection. */
    private static final class Writer implements Runnable {
        private final int port;
        private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
        volatile boolean stop;
        volatile Exception failure;
        volatile int crossed;
        /** The first error a SET got, for the failure message. */
        volatile String firstError;

        Writer(int port) {
            this.port = port;
        }

        List<Ack> acks() {
            synchronized (acks) {
                return List.copyOf(acks);
            }
        }

        @Override
        public void run() {
            try (RespClient c = new RespClient(HOST, port, 10_000)) {
                for (long round = 0; !stop; round++) {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    int[] keys = new int[BATCH];
                    String[] values = new String[BATCH];
                    for (int i = 0; i < BATCH; i++) {
                        keys[i] = (int) ((round * BATCH + i) % KEYS);
                        values[i] = round + ":" + i;
                        out.write(RespClient.encode("SET", "k:" + keys[i], values[i]));
                        out.write(RespClient.encode("GET", "k:" + keys[i]));
                    }
                    c.send(out.toByteArray());
                    for (int i = 0; i < BATCH; i++) {
                        String set = c.readReply();
                        String get = c.readReply();
                        boolean ok = set.equals("+OK\r\n");
                        if (!ok && firstError == null) {
                            firstError = set.trim();
                        }
                        if (!ok && !set.startsWith("-")
                                || ok && get.startsWith("$") && !get.equals(bulk(values[i]))) {
                            crossed++;
                        }
                        acks.add(new Ack(keys[i], values[i], ok, System.nanoTime()));
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }
    }
}
