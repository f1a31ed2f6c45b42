package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.Reload;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.util.Clock;
import io.jnutcracker.route.ServerPool;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Reloads under load: pipelined clients run without pause while the configuration is reloaded many
 * times (servers added, removed, weights changed, a pool added and removed, an invalid file). Every
 * request gets exactly one reply, in order; each reply comes from the server that the continuum in
 * force when the request arrived chose (every server holds every key with the value
 * {@code <server name>:<key>}, so a reply names who answered and what it answers); no client of a
 * kept pool is disconnected.
 */
class ReloadIT {
    private static final int KEYS = 200;
    private static final String[] NAMES = {"s1", "s2", "s3", "s4"};

    @Test
    void manyReloadsUnderPipelinedLoad() throws Exception {
        List<RedisServerProcess> servers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (String name : NAMES) {
                servers.add(RedisServerProcess.start("127.0.0.1"));
            }
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                keys.add("rl:" + i);
            }
            for (int s = 0; s < servers.size(); s++) {
                try (RespClient c = new RespClient("127.0.0.1", servers.get(s).port())) {
                    for (String key : keys) {
                        assertThat(c.call("SET", key, NAMES[s] + ":" + key)).isEqualTo("+OK\r\n");
                    }
                }
            }
            int main = RedisServerProcess.freePort("127.0.0.1");
            int stable = RedisServerProcess.freePort("127.0.0.1");
            int extra = RedisServerProcess.freePort("127.0.0.1");
            List<String> generations = generations(servers, main, stable, extra);
            // Placement of every key in each generation, computed with the proxy's own ServerPool.
            List<String[]> placements = new CopyOnWriteArrayList<>();
            try (ProxyProcess proxy = ProxyProcess.start(generations.get(0))) {
                placements.add(place(generations.get(0), keys));
                AtomicInteger applied = new AtomicInteger(); // generation surely in force (reload returned)
                AtomicInteger started = new AtomicInteger(); // newest generation possibly in force
                AtomicBoolean running = new AtomicBoolean(true);
                List<Future<Integer>> workers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    int seed = w;
                    workers.add(clients.submit(() -> pipeline(main, keys, placements, applied, started, running, seed)));
                }
                Future<Integer> stableClient = clients.submit(() -> stablePool(stable, running));
                int inForce = 0;
                for (int g = 1; g < generations.size(); g++) {
                    Thread.sleep(250);
                    boolean invalid = generations.get(g).contains("distribution: nonsense");
                    // Placement is known before the switch, which happens inside reload().
                    placements.add(invalid ? placements.get(inForce) : place(generations.get(g), keys));
                    started.set(g);
                    Reload reload = proxy.reload(generations.get(g));
                    assertThat(reload.applied()).as(reload.toString()).isEqualTo(!invalid);
                    if (!invalid) {
                        inForce = g;
                    }
                    if (!invalid && generations.get(g).contains("extra:")) {
                        try (RespClient c = new RespClient("127.0.0.1", extra)) {
                            assertThat(c.call("GET", keys.get(0))).isEqualTo("$7\r\ns4:rl:0\r\n");
                        }
                    }
                    applied.set(g);
                }
                Thread.sleep(250);
                running.set(false);
                int total = 0;
                for (Future<Integer> f : workers) {
                    total += f.get(30, TimeUnit.SECONDS);
                }
                assertThat(total).as("requests answered").isGreaterThan(1000);
                assertThat(stableClient.get(30, TimeUnit.SECONDS)).isPositive();
                assertThat(proxy.proxy().reloads()).isEqualTo(generations.size() - 1);
                assertThat(proxy.proxy().failedReloads()).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
            servers.forEach(RedisServerProcess::close);
        }
    }

    /**
     * One client on the reloaded pool: pipelines of GETs; each reply must be the key's own value
     * from the server some generation no older than the previous reply's, and no newer than the
     * generation in force once the reply was read, placed it.
     */
    private static int pipeline(int port, List<String> keys, List<String[]> placements, AtomicInteger applied,
                                AtomicInteger started, AtomicBoolean running, int seed) throws Exception {
        Random random = new Random(seed);
        int answered = 0;
        int minGen = 0;
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            while (running.get()) {
                int genBefore = applied.get();
                int[] batch = new int[50];
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = random.nextInt(keys.size());
                    out.writeBytes(RespClient.encode("GET", keys.get(batch[i])));
                }
                c.send(out.toByteArray());
                String[] replies = new String[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    replies[i] = c.readReply();
                }
                int genAfter = started.get();
                for (int i = 0; i < batch.length; i++) {
                    String key = keys.get(batch[i]);
                    int chosen = -1;
                    for (int g = Math.max(minGen, genBefore); g <= genAfter; g++) {
                        String server = placements.get(g)[batch[i]];
                        String want = server + ":" + key;
                        if (replies[i].equals("$" + want.length() + "\r\n" + want + "\r\n")) {
                            chosen = g;
                            break;
                        }
                    }
                    if (chosen < 0) {
                        StringBuilder dump = new StringBuilder();
                        for (int j = 0; j < batch.length; j++) {
                            dump.append(j).append(' ').append(keys.get(batch[j])).append(" -> ")
                                    .append(replies[j].trim().replace("\r\n", " ")).append(" gens:");
                            for (int g = 0; g < placements.size(); g++) {
                                dump.append(' ').append(placements.get(g)[batch[j]]);
                            }
                            dump.append('\n');
                        }
                        System.err.println("RELOAD DEBUG i=" + i + "\n" + dump);
                    }
                    assertThat(chosen).as("reply %s to GET %s (generations %d..%d, earliest allowed %d)",
                            replies[i].trim(), key, genBefore, genAfter, minGen).isNotNegative();
                    minGen = chosen;
                    answered++;
                }
            }
        }
        return answered;
    }

    /** A client of a pool no reload touches: it keeps working on the same connection throughout. */
    private static int stablePool(int port, AtomicBoolean running) throws Exception {
        int answered = 0;
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            while (running.get()) {
                assertThat(c.call("GET", "rl:0")).isEqualTo("$7\r\ns4:rl:0\r\n");
                answered++;
            }
        }
        return answered;
    }

    private static String[] place(String yml, List<String> keys) throws Exception {
        Path config = Files.createTempFile("jn-reload-", ".yml");
        Files.writeString(config, yml);
        PoolConfig pool = ConfigLoader.load(config).pool("main").orElseThrow();
        Files.delete(config);
        ServerPool placement = new ServerPool(pool, Clock.SYSTEM);
        String[] names = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            byte[] k = keys.get(i).getBytes(StandardCharsets.UTF_8);
            names[i] = placement.server(placement.serverFor(Unpooled.wrappedBuffer(k), 0, k.length)).name();
        }
        return names;
    }

    private static List<String> generations(List<RedisServerProcess> s, int main, int stable, int extra) {
        String stablePool = """
                stable:
                  listen: 127.0.0.1:%d
                  redis: true
                  servers:
                   - %s:1 s4
                """.formatted(stable, s.get(3).address());
        String extraPool = """
                extra:
                  listen: 127.0.0.1:%d
                  redis: true
                  servers:
                   - %s:1 s4
                """.formatted(extra, s.get(3).address());
        List<String> g = new ArrayList<>();
        String[][] members = {
            {"s1:1", "s2:1"},
            {"s1:1", "s2:1", "s3:1"},
            {"s1:1", "s3:1"},
            {"s1:3", "s3:1"},
            null, // an invalid file: the previous configuration stays
            {"s1:3", "s3:1", "+extra"},
            {"s2:1", "s4:2"},
            {"s1:1", "s2:1", "s3:1", "s4:1", "+extra"},
            {"s4:1"},
            {"s2:5", "s3:1", "s1:1"},
        };
        for (String[] m : members) {
            StringBuilder yml = new StringBuilder(stablePool).append("""
                    main:
                      listen: 127.0.0.1:%d
                      redis: true
                      hash: md5
                      distribution: %s
                      servers:
                    """.formatted(main, m == null ? "nonsense" : "ketama"));
            boolean withExtra = false;
            for (String member : m == null ? new String[] {"s1:1"} : m) {
                if (member.equals("+extra")) {
                    withExtra = true;
                    continue;
                }
                String[] nw = member.split(":");
                int index = Integer.parseInt(nw[0].substring(1)) - 1;
                yml.append("   - ").append(s.get(index).address()).append(':').append(nw[1]).append(' ')
                        .append(nw[0]).append('\n');
            }
            if (withExtra) {
                yml.append(extraPool);
            }
            g.add(yml.toString());
        }
        return g;
    }
}
