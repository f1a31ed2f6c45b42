package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Integrity under faults: pipelined clients mix single-key and multi-key commands whose replies
 * prove which request they answer (every value embeds its key), while servers are killed and
 * restarted, with ejection on (one pool) and off (another), and some clients hang up mid-pipeline.
 * Every request must get exactly one reply, in order, and no reply may answer another request.
 * Size: {@code -Djn.soak.requests} (default 1,000,000).
 */
class SoakIT {
    private static final long REQUESTS = Long.getLong("jn.soak.requests", 1_000_000L);
    private static final int CLIENTS = 6;
    private static final int PIPELINE = 250;

    @Test
    void noReplyLostDuplicatedMisorderedOrMisdirected() throws Exception {
        List<RedisServerProcess> servers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 2);
        try {
            for (int i = 0; i < 3; i++) {
                servers.add(RedisServerProcess.start("127.0.0.1"));
            }
            int ejecting = RedisServerProcess.freePort("127.0.0.1");
            int steady = RedisServerProcess.freePort("127.0.0.1");
            StringBuilder yml = new StringBuilder();
            for (String[] p : new String[][] {{"ejecting", "" + ejecting, "true"}, {"steady", "" + steady, "false"}}) {
                yml.append(p[0]).append(":\n  listen: 127.0.0.1:").append(p[1])
                        .append("\n  redis: true\n  hash: murmur\n  timeout: 2000\n  auto_eject_hosts: ").append(p[2])
                        .append("\n  server_failure_limit: 1\n  server_retry_timeout: 300\n  servers:\n");
                for (int i = 0; i < servers.size(); i++) {
                    yml.append("   - ").append(servers.get(i).address()).append(":1 s").append(i).append('\n');
                }
            }
            AtomicLong sent = new AtomicLong();
            AtomicLong verified = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            try (ProxyProcess proxy = ProxyProcess.start(yml.toString())) {
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int port = c % 2 == 0 ? ejecting : steady;
                    int seed = c;
                    clients.add(pool.submit(() -> {
                        client(port, seed, sent, verified, errors);
                        return null;
                    }));
                }
                Future<?> chaos = pool.submit(() -> {
                    chaos(servers, running);
                    return null;
                });
                for (Future<?> f : clients) {
                    f.get(10, TimeUnit.MINUTES);
                }
                running.set(false);
                chaos.get(1, TimeUnit.MINUTES);
            }
            System.out.printf("soak: %d requests sent, %d replies verified, %d error replies%n", sent.get(),
                    verified.get(), errors.get());
            assertThat(verified.get()).isGreaterThanOrEqualTo(REQUESTS);
            assertThat(errors.get()).as("faults were injected and seen").isPositive();
        } finally {
            pool.shutdownNow();
            servers.forEach(RedisServerProcess::close);
        }
    }

    /** Kills one server at a time and restarts it on its port, until the clients are done. */
    private static void chaos(List<RedisServerProcess> servers, AtomicBoolean running) throws Exception {
        Random random = new Random(7);
        while (running.get()) {
            Thread.sleep(400 + random.nextInt(400));
            int victim = random.nextInt(servers.size());
            RedisServerProcess s = servers.get(victim);
            s.kill();
            Thread.sleep(100 + random.nextInt(300));
            servers.set(victim, RedisServerProcess.start("127.0.0.1", s.port()));
        }
    }

    private static void client(int port, int seed, AtomicLong sent, AtomicLong verified, AtomicLong errors)
            throws Exception {
        Random random = new Random(seed);
        long round = 0;
        while (verified.get() < REQUESTS) {
            List<Check> checks = new ArrayList<>(PIPELINE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String prefix = "c" + seed + "r" + round++ + ":";
            for (int i = 0; i < PIPELINE; i++) {
                checks.add(Check.random(random, prefix + i, out));
            }
            sent.addAndGet(PIPELINE);
            // One pipeline in twenty, the client hangs up halfway through the replies.
            boolean hangUp = random.nextInt(20) == 0;
            try (RespClient c = new RespClient("127.0.0.1", port)) {
                c.send(out.toByteArray());
                int read = hangUp ? PIPELINE / 2 : PIPELINE;
                for (int i = 0; i < read; i++) {
                    String reply = c.readReply();
                    if (reply.startsWith("-")) {
                        assertThat(reply).as("error reply names a cause").isIn("-ERR Connection refused\r\n",
                                "-ERR Connection reset by peer\r\n", "-ERR Broken pipe\r\n",
                                "-ERR Connection closed by server\r\n", "-ERR Connection timed out\r\n");
                        errors.incrementAndGet();
                    } else {
                        checks.get(i).verify(reply);
                    }
                    verified.incrementAndGet();
                }
            }
        }
    }

    /** A request and what its reply may be: its own value, nil (data lost with a killed server), an error. */
    record Check(String[] command, String key) {
        static Check random(Random random, String id, ByteArrayOutputStream out) {
            String[] cmd = switch (random.nextInt(6)) {
                case 0 -> new String[] {"SET", id, "v:" + id};
                case 1 -> new String[] {"GET", id};
                case 2 -> new String[] {"MSET", id + ":a", "v:" + id + ":a", id + ":b", "v:" + id + ":b"};
                case 3 -> new String[] {"MGET", id + ":a", id + ":b", id};
                case 4 -> new String[] {"ECHO", "echo:" + id};
                default -> new String[] {"INCRBY", id + ":n", "7"};
            };
            out.writeBytes(RespClient.encode(cmd));
            return new Check(cmd, id);
        }

        void verify(String reply) {
            String what = String.join(" ", command) + " got " + reply.replace("\r\n", "\\r\\n");
            switch (command[0]) {
                case "SET", "MSET" -> assertThat(reply).as(what).isEqualTo("+OK\r\n");
                case "GET" -> assertThat(reply).as(what).isIn("$-1\r\n", bulk("v:" + key), bulk("v:" + key + ":a"));
                case "ECHO" -> assertThat(reply).as(what).isEqualTo(bulk("echo:" + key));
                case "INCRBY" -> assertThat(reply).as(what).isEqualTo(":7\r\n");
                default -> { // MGET a b id: each element nil or that key's own value
                    assertThat(reply).as(what).startsWith("*3\r\n");
                    String[] parts = reply.substring(4).split("\r\n");
                    List<String> elements = new ArrayList<>();
                    for (int i = 0; i < parts.length; i++) {
                        elements.add(parts[i].equals("$-1") ? null : parts[++i]);
                    }
                    assertThat(elements).as(what).hasSize(3);
                    assertThat(elements.get(0)).as(what).isIn(null, "v:" + key + ":a");
                    assertThat(elements.get(1)).as(what).isIn(null, "v:" + key + ":b");
                    assertThat(elements.get(2)).as(what).isIn(null, "v:" + key);
                }
            }
        }

        private static String bulk(String s) {
            return "$" + s.length() + "\r\n" + s + "\r\n";
        }
    }
}
