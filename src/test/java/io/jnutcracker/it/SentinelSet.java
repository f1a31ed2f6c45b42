package io.jnutcracker.it;

import io.jnutcracker.lab.RedisSentinel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Three real {@code redis-sentinel} processes ({@link RedisSentinel}, as the lab runs them) on free
 * loopback ports watching the given masters with quorum 2, their config files in a temp directory
 * that {@link #close()} removes. {@link #awaitReady} waits until each knows the others and the
 * replicas, without which it could not fail over.
 */
final class SentinelSet implements AutoCloseable {
    private final Path dir;
    private final List<RedisSentinel> sentinels = new ArrayList<>();

    SentinelSet(String host, Map<String, String> masters) throws IOException {
        dir = Files.createTempDirectory("jn-sentinel-");
        try {
            for (int i = 0; i < 3; i++) {
                sentinels.add(RedisSentinel.start(host, RedisServerProcess.freePort(host), dir, masters, 2, false));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code host:port,host:port,host:port}, as {@code jn_sentinels} takes them. */
    String addresses() {
        return sentinels.stream().map(RedisSentinel::address).collect(Collectors.joining(","));
    }

    RedisSentinel first() {
        return sentinels.get(0);
    }

    /** Waits until every Sentinel sees the two others and {@code replicas} replicas of {@code master}. */
    void awaitReady(String master, int replicas) throws IOException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (RedisSentinel s : sentinels) {
            while (!s.command("SENTINEL sentinels " + master).equals("*2")
                    || !s.command("SENTINEL replicas " + master).equals("*" + replicas)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("sentinel " + s.address() + " never saw its peers and replicas");
                }
                RedisServerProcess.sleep(100);
            }
        }
    }

    @Override
    public void close() throws IOException {
        sentinels.forEach(RedisSentinel::close);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
