package io.jnutcracker.lab;

import io.jnutcracker.config.ConfigException;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.topology.Endpoint;
import io.jnutcracker.topology.RedisProbe;
import io.jnutcracker.topology.ReplicationInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code lab --failover}: the seed's two data centres (the intended layout) with three Sentinels and
 * Sentinel-driven pools (jn_sentinels), redis01's master killed under traffic, and what users saw.
 * The read replicas (6405, 6406 in both data centres) get {@code replica-priority 0}, as dedicated
 * read replicas should, so Sentinel promotes the HA replicas 6403 / 6404. Writes go through
 * 127.0.99.11:1111 and reads through each :1112, in batches of {@link #BATCH} on one connection each.
 */
public final class FailoverLab implements AutoCloseable {
    private static final int BATCH = 20;
    private static final String[] SENTINEL_HOSTS = {"127.0.99.11", "127.0.99.12", "127.0.99.13"};
    private static final int SENTINEL_PORT = 26379;
    private static final String OLD_MASTER = "127.0.99.11:6401";

    private final PrintStream out;
    private final Path runDir = Path.of("lab", "run");
    private final Replication redis = new Replication(runDir.resolve("redis"), true);
    private final List<RedisSentinel> sentinels = new ArrayList<>();
    private final List<LabProxy> proxies = new ArrayList<>();
    private final RedisProbe probe = new RedisProbe(1000);
    private RedisServer restarted;
    private boolean closed;

    public FailoverLab(PrintStream out) {
        this.out = out;
    }

    /** Runs the story once; returns {@link Lab#EXIT_OK} when no acknowledged write was lost. */
    public int run() throws IOException, InterruptedException, LabException {
        wipe();
        Map<String, RedisServer> servers = startRedis();
        redis.awaitLinksUp();
        Map<String, String> masters = Map.of("redis01", OLD_MASTER, "redis02", "127.0.99.11:6402");
        for (String host : SENTINEL_HOSTS) {
            sentinels.add(RedisSentinel.start(host, SENTINEL_PORT, runDir.resolve("sentinel"), masters, 2, true));
        }
        out.println("lab: 3 sentinels on " + String.join(", ", names()) + " watch redis01 (" + OLD_MASTER
                + ") and redis02 (127.0.99.11:6402), quorum 2, down-after " + RedisSentinel.DOWN_AFTER_MILLIS + " ms");
        awaitSentinelsReady();
        startProxies();
        printReaders("before the failover");

        FailoverTraffic traffic = new FailoverTraffic(BATCH);
        Thread t = new Thread(traffic, "lab-traffic");
        t.start();
        RedisServer.sleep(1000);
        long killedAt = System.nanoTime();
        out.println("lab: killing redis01's master " + OLD_MASTER + " (SIGKILL) under traffic");
        servers.get(OLD_MASTER).kill();
        String promoted = awaitPromotion(20);
        long switchedAt = System.nanoTime();
        out.println("lab: sentinels name " + promoted + " as redis01's master "
                + ms(switchedAt - killedAt) + " ms after the kill");
        RedisServer.sleep(3000);
        traffic.stop();
        t.join(20_000);

        out.println();
        out.println("what users saw:");
        traffic.report(out, killedAt);
        printReaders("after the failover");
        long lost = traffic.lostAfter(switchedAt);
        out.println("  acknowledged writes after the switch missing on the new master " + promoted + ": " + lost
                + " (must be 0)");
        out.println("  acknowledged before the kill and missing now (asynchronous replication): "
                + traffic.lostBefore(killedAt));

        out.println();
        out.println("lab: restarting " + OLD_MASTER + "; Sentinel turns it into a replica of " + promoted);
        restarted = RedisServer.start("127.0.99.11", 6401, runDir.resolve("redis"),
                runDir.resolve("redis").resolve("redis-127.0.99.11-6401-restarted.log"), true,
                List.of("--replica-announce-ip", "127.0.99.11"));
        String role = awaitRole(restarted, 20);
        out.println("lab: " + OLD_MASTER + " is now: " + role);
        boolean ok = lost == 0 && traffic.resumed() && role.startsWith("replica of " + promoted);
        out.println();
        out.println("lab: FAILOVER " + (ok ? "PASSED" : "FAILED"));
        return ok ? Lab.EXIT_OK : Lab.EXIT_WRONG;
    }

    private void wipe() throws IOException {
        if (Files.exists(runDir)) {
            try (var files = Files.walk(runDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(runDir);
    }

    private Map<String, RedisServer> startRedis() throws IOException {
        Map<String, RedisServer> byAddress = new LinkedHashMap<>();
        for (Layout.Node n : Layout.INTENDED.nodes()) {
            RedisServer s = n.replicaOf() == null ? redis.master(n.host(), n.port())
                    : redis.replica(n.host(), n.port(), byAddress.get(n.replicaOf()));
            if (n.port() >= 6405) {
                s.command("CONFIG SET replica-priority 0"); // a read replica: never promoted
            }
            byAddress.put(n.address(), s);
        }
        out.println("lab: started " + byAddress.size() + " redis-servers (intended layout; read replicas "
                + "6405/6406 with replica-priority 0)");
        return byAddress;
    }

    private void awaitSentinelsReady() throws IOException, LabException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (RedisSentinel s : sentinels) {
            while (!s.command("SENTINEL sentinels redis01").equals("*2")
                    || !s.command("SENTINEL replicas redis01").equals("*3")) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("sentinel " + s.address() + " never saw its peers and replicas");
                }
                RedisServer.sleep(200);
            }
        }
    }

    private void startProxies() throws IOException, InterruptedException, LabException {
        String list = String.join(",", names());
        for (DataCentre dc : DataCentre.ALL) {
            StringBuilder yml = new StringBuilder();
            if (dc == DataCentre.MASTER) {
                yml.append(pool(DataCentre.MASTER_POOL, dc.ip() + ":1111", list, null));
            }
            yml.append(pool(DataCentre.READ_POOL, dc.ip() + ":1112", list, dc.ip() + "/32"));
            Path file = runDir.resolve("failover-" + dc.name() + ".yml");
            Files.writeString(file, yml);
            try {
                proxies.add(LabProxy.inProcess(ConfigLoader.load(file), dc));
            } catch (ConfigException e) {
                throw new LabException(e.describe());
            }
            out.println("lab: proxy " + dc.name() + " from " + file);
        }
    }

    /** The seed's pool (fnv1a_64, ketama, the masters' names) with the Sentinel keys. */
    private static String pool(String name, String listen, String sentinelList, String local) {
        return name + ":\n  listen: " + listen + "\n  hash: fnv1a_64\n  distribution: ketama\n  redis: true\n"
                + "  timeout: 1000\n  jn_sentinels: " + sentinelList + "\n"
                + (local == null ? "" : "  jn_sentinel_local: " + local + "\n")
                + "  servers:\n   - " + OLD_MASTER + ":1 redis01\n   - 127.0.99.11:6402:1 redis02\n";
    }

    /** Where each read pool's members are now, as its proxy resolved them through the Sentinels. */
    private void printReaders(String when) {
        for (int i = 0; i < proxies.size(); i++) {
            var nc = proxies.get(i).inJvm();
            for (var server : nc.servers()) {
                if (server.pool().name().equals(DataCentre.READ_POOL)) {
                    out.println("  " + when + ", " + DataCentre.ALL.get(i).name() + " :1112 reads from "
                            + server.pool().generation().config().servers().stream()
                            .map(s -> s.name() + " = " + s.address()).toList());
                }
            }
        }
    }

    private String awaitPromotion(int seconds) throws LabException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        RedisSentinel s = sentinels.get(0);
        while (System.nanoTime() < deadline) {
            try {
                List<String> ipPort = probe.ask(Endpoint.tcp(s.host(), s.port()), null,
                        List.<String[]>of(new String[] {"SENTINEL", "get-master-addr-by-name", "redis01"})).get(0).texts();
                String now = ipPort.size() == 2 ? ipPort.get(0) + ":" + ipPort.get(1) : OLD_MASTER;
                if (!now.equals(OLD_MASTER)) {
                    return now;
                }
            } catch (IOException e) {
                // asked again below
            }
            RedisServer.sleep(50);
        }
        throw new LabException("Sentinel did not fail redis01 over within " + seconds + " s");
    }

    private String awaitRole(RedisServer s, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                ReplicationInfo info = probe.replication(Endpoint.tcp(s.host(), s.port()), null);
                if (info.isReplica() && info.linkUp()) {
                    return "replica of " + info.master() + ", link up";
                }
            } catch (IOException e) {
                // asked again below
            }
            RedisServer.sleep(200);
        }
        return "not a replica after " + seconds + " s";
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        for (String h : SENTINEL_HOSTS) {
            out.add(h + ":" + SENTINEL_PORT);
        }
        return out;
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Stops the proxies first, then the Sentinels and servers; once (the shutdown hook calls it again). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        proxies.forEach(LabProxy::close);
        sentinels.forEach(RedisSentinel::close);
        if (restarted != null) {
            restarted.kill();
        }
        redis.close();
        probe.close();
    }
}
