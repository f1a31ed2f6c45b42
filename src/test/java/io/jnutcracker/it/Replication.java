package io.jnutcracker.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The lab's {@link io.jnutcracker.lab.Replication} for topology tests: masters and replicas on free
 * loopback ports, with every file in one temp directory that {@link #close()} removes.
 */
final class Replication implements AutoCloseable {
    private final io.jnutcracker.lab.Replication servers;

    Replication() throws IOException {
        servers = new io.jnutcracker.lab.Replication(Files.createTempDirectory("jn-topology-"), false);
    }

    RedisServerProcess master(String host) throws IOException {
        return new RedisServerProcess(servers.master(host, RedisServerProcess.freePort(host)), null);
    }

    RedisServerProcess replica(String host, RedisServerProcess master) throws IOException {
        return new RedisServerProcess(servers.replica(host, RedisServerProcess.freePort(host), master.server()), null);
    }

    /** Waits until every replica reports its link up. */
    void awaitLinksUp() throws IOException {
        servers.awaitLinksUp();
    }

    /** Waits until each replica holds as many keys as {@code master}. */
    static void awaitSynced(RedisServerProcess master, RedisServerProcess... replicas) throws IOException {
        io.jnutcracker.lab.Replication.awaitSynced(master.server(),
                Arrays.stream(replicas).map(RedisServerProcess::server).toList());
    }

    @Override
    public void close() throws IOException {
        servers.close();
        try (Stream<Path> files = Files.walk(servers.dir())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
