package io.jnutcracker.it;

import io.jnutcracker.topology.Endpoint;
import io.jnutcracker.topology.RedisProbe;
import io.jnutcracker.topology.ReplicationInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real redis-server masters and replicas on loopback for topology tests, started so that replication
 * is quick and leaves nothing behind: masters sync without the diskless delay, every server keeps its
 * files in one temp directory, and each replica announces the address it listens on (as the lab
 * does), so a master's {@code slaveN} lines say where its replicas are.
 */
final class Replication implements AutoCloseable {
    private final Path dir;
    private final List<RedisServerProcess> servers = new ArrayList<>();

    Replication() throws IOException {
        dir = Files.createTempDirectory("jn-topology-");
    }

    RedisServerProcess master(String host) throws IOException {
        return add(RedisServerProcess.start(host, "--dir", dir.toString(), "--repl-diskless-sync-delay", "0"));
    }

    RedisServerProcess replica(String host, RedisServerProcess master) throws IOException {
        return add(RedisServerProcess.start(host, "--dir", dir.toString(), "--repl-diskless-sync-delay", "0",
                "--replicaof", master.host(), Integer.toString(master.port()), "--replica-announce-ip", host));
    }

    private RedisServerProcess add(RedisServerProcess s) {
        servers.add(s);
        return s;
    }

    /** Waits until every replica reports its link up (a full sync of an empty data set: milliseconds). */
    void awaitLinksUp() throws IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        try (RedisProbe probe = new RedisProbe(1000)) {
            for (RedisServerProcess s : servers) {
                while (true) {
                    ReplicationInfo info = probe.replication(Endpoint.tcp(s.host(), s.port()), null);
                    if (!info.isReplica() || info.linkUp()) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IOException(s.address() + " never got its link to its master up");
                    }
                    RedisServerProcess.sleep(20);
                }
            }
        }
    }

    /** Waits until each replica holds as many keys as {@code master} (replication is asynchronous). */
    static void awaitSynced(RedisServerProcess master, RedisServerProcess... replicas) throws IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String size = master.command("DBSIZE");
        for (RedisServerProcess r : replicas) {
            while (!r.command("DBSIZE").equals(size)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(r.address() + " did not catch up with " + master.address());
                }
                RedisServerProcess.sleep(20);
            }
        }
    }

    @Override
    public void close() throws IOException {
        servers.forEach(RedisServerProcess::close);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
