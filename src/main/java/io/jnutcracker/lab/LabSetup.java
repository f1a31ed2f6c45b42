package io.jnutcracker.lab;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ProxyConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The lab's steps before any check: a fresh run dir, the proxy configs, free ports, the redis-servers. */
final class LabSetup {
    private final Path runDir;
    private final PrintStream out;

    LabSetup(Path runDir, PrintStream out) {
        this.runDir = runDir;
        this.out = out;
    }

    /** Wipes and recreates the run dir (only ever that one), then writes each data centre's config into it. */
    Map<DataCentre, Path> writeConfigs(Layout layout) throws IOException, LabException {
        Path seedDir = Path.of("docs", "seed");
        if (!Files.isDirectory(seedDir)) {
            throw new LabException("no docs/seed/ here: run the lab from a jnutcracker checkout (bin/jnutcracker-lab does)");
        }
        if (Files.exists(runDir)) {
            try (Stream<Path> files = Files.walk(runDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(runDir.resolve("pids"));
        Map<DataCentre, Path> files = new LinkedHashMap<>();
        StringBuilder names = new StringBuilder();
        for (DataCentre dc : DataCentre.ALL) {
            Path file = runDir.resolve(dc.name() + ".yml");
            SeedConfigs.write(seedDir.resolve(dc.name() + ".nutcracker.yml"), dc, layout, file);
            files.put(dc, file);
            names.append(file).append(' ');
        }
        out.println("lab: " + layout.label() + " layout; proxy configs: " + names);
        return files;
    }

    /** Fails fast, before starting anything, if any address the lab is about to listen on answers already. */
    void checkPortsFree(Layout layout, Map<DataCentre, ProxyConfig> configs) throws LabException {
        List<String> addrs = new ArrayList<>();
        layout.nodes().forEach(n -> addrs.add(n.address()));
        for (DataCentre dc : DataCentre.ALL) {
            for (PoolConfig pool : configs.get(dc).pools()) {
                addrs.add(pool.listen().host() + ":" + pool.listen().port());
            }
            addrs.add(DataCentre.STATS_ADDR + ":" + dc.statsPort());
        }
        List<String> taken = addrs.stream().filter(LabSetup::answers).toList();
        if (!taken.isEmpty()) {
            throw new LabException("already in use: " + String.join(" ", taken) + "\nlab: error: an earlier lab run"
                    + " (bin/jnutcracker-lab --stop), another checkout's lab, or the placement fixture recorder may"
                    + " hold these; stop it and retry");
        }
    }

    private static boolean answers(String address) {
        String host = address.substring(0, address.lastIndexOf(':'));
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts the layout's redis-servers, masters first, each in a session of its own with a pid file;
     * waits for every replica's link; prints the replication as each master's INFO shows it.
     */
    void startRedis(Layout layout, Replication redis, PidFiles pids) throws IOException, LabException {
        out.println("lab: starting " + layout.nodes().size() + " redis-servers (" + layout.label() + " layout)...");
        Map<String, RedisServer> started = new HashMap<>();
        try {
            for (Layout.Node n : layout.nodes()) {
                RedisServer s = n.replicaOf() == null ? redis.master(n.host(), n.port())
                        : redis.replica(n.host(), n.port(), started.get(n.replicaOf()));
                started.put(n.address(), s);
                pids.record(s.process().name(), s.process().handle());
            }
            redis.awaitLinksUp();
        } catch (IOException e) {
            throw new LabException(e.getMessage()); // the caller stops what did start
        }
        out.println("lab: replication, as each master's 'info replication' shows it:");
        for (RedisServer m : redis.masters()) {
            out.println("    " + m.address() + " <- " + redis.replicasOf(m));
        }
    }
}
