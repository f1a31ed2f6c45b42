package io.jnutcracker.it;

import io.jnutcracker.lab.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real {@code redis-server} for one test ({@link RedisServer}, which the lab uses too), on a free
 * loopback port, with its log and RDB in the temp directory and both removed when it is stopped.
 * Fails loudly when the binary is missing: bin/test installs it, so a test never skips silently.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final RedisServer server;
    private final Path log;

    /** {@code log}: the temp file to remove once stopped, or null when the caller cleans up. */
    RedisServerProcess(RedisServer server, Path log) {
        this.server = server;
        this.log = log;
    }

    public static RedisServerProcess start(String host, String... extraArgs) throws IOException {
        // A free port can be taken by another process between our probe and redis-server's bind (many
        // suites share this machine): then try another one, a few times, rather than fail the test.
        for (int attempt = 1; ; attempt++) {
            try {
                return start(host, freePort(host), extraArgs);
            } catch (IOException e) {
                if (attempt == 5 || e.getMessage() == null || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    public static RedisServerProcess start(String host, int port, String... extraArgs) throws IOException {
        Path log = Files.createTempFile("redis-" + port + "-", ".log");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return new RedisServerProcess(RedisServer.start(host, port, tmp, log, false, List.of(extraArgs)), log);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(log);
            throw e;
        }
    }

    /** The lab's server underneath, for the helpers that take one. */
    RedisServer server() {
        return server;
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public String address() {
        return server.address();
    }

    /** Sends one inline command and returns the first reply line. */
    public String command(String inline) throws IOException {
        return server.command(inline);
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
    public void pause() throws IOException, InterruptedException {
        server.pause();
    }

    public void resume() throws IOException, InterruptedException {
        server.resume();
    }

    /** Stops the server (SIGKILL, so tests can model a crash) and removes its files. */
    public void kill() {
        server.kill();
        // A killed server is not restarted by this object: nothing of it is needed any more. Servers
        // of a Replication (log == null) keep their files in its directory, which it removes.
        if (log == null) {
            return;
        }
        log.toFile().delete();
        Path.of(System.getProperty("java.io.tmpdir"), "dump-" + host() + "-" + port() + ".rdb").toFile().delete();
    }

    @Override
    public void close() {
        kill();
    }

    public static int freePort(String host) throws IOException {
        return RedisServer.freePort(host);
    }

    static void sleep(long ms) {
        RedisServer.sleep(ms);
    }
}
