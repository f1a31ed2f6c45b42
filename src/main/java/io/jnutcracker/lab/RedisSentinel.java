package io.jnutcracker.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real {@code redis-sentinel} on loopback, for the lab ({@code --failover}) and the Sentinel tests:
 * its config written into {@code dir} (Sentinel rewrites that file, so it must be its own), tuned to
 * fail over in a few seconds rather than minutes. Set {@code REDIS_SENTINEL} to use another binary.
 */
public final class RedisSentinel implements AutoCloseable {
    /** ms without an answer before a Sentinel thinks a master is down (Redis' default: 30000). */
    public static final int DOWN_AFTER_MILLIS = 1000;
    /** Sentinel's failover-timeout in ms (Redis' default: 180000). */
    public static final int FAILOVER_TIMEOUT_MILLIS = 5000;

    private final RedisServer process;

    private RedisSentinel(RedisServer process) {
        this.process = process;
    }

    /**
     * Starts a Sentinel on {@code host:port} watching {@code masters} (name to {@code host:port}) with
     * quorum {@code quorum}.
     */
    public static RedisSentinel start(String host, int port, Path dir, Map<String, String> masters, int quorum,
                                      boolean ownSession) throws IOException {
        Files.createDirectories(dir);
        StringBuilder conf = new StringBuilder()
                .append("port ").append(port).append('\n')
                .append("bind ").append(host).append('\n')
                .append("sentinel announce-ip ").append(host).append('\n')
                .append("daemonize no\nlogfile \"\"\n")
                .append("dir ").append(dir).append('\n');
        masters.forEach((name, address) -> {
            String[] hp = address.split(":");
            conf.append("sentinel monitor ").append(name).append(' ').append(hp[0]).append(' ').append(hp[1])
                    .append(' ').append(quorum).append('\n')
                    .append("sentinel down-after-milliseconds ").append(name).append(' ').append(DOWN_AFTER_MILLIS)
                    .append('\n')
                    .append("sentinel failover-timeout ").append(name).append(' ').append(FAILOVER_TIMEOUT_MILLIS)
                    .append('\n')
                    .append("sentinel parallel-syncs ").append(name).append(" 2\n");
        });
        Path file = dir.resolve("sentinel-" + host + "-" + port + ".conf");
        Files.writeString(file, conf);
        String binary = System.getenv().getOrDefault("REDIS_SENTINEL", "redis-sentinel");
        RedisServer p = RedisServer.launch(host, port, binary, List.of(file.toString()),
                dir.resolve("sentinel-" + host + "-" + port + ".log"), ownSession);
        return new RedisSentinel(p);
    }

    public String address() {
        return process.address();
    }

    public String host() {
        return process.host();
    }

    public int port() {
        return process.port();
    }

    /** Sends one inline command and returns the first reply line. */
    public String command(String inline) throws IOException {
        return process.command(inline);
    }

    public ChildProcess process() {
        return process.process();
    }

    @Override
    public void close() {
        process.kill();
    }
}
