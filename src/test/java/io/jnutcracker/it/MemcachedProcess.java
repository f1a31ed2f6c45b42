package io.jnutcracker.it;

import io.jnutcracker.lab.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code memcached} (Debian's package) for one test, on a free loopback port, UDP off, its
 * log in the temp directory and removed when stopped. Fails loudly when the binary is missing:
 * bin/test installs it, so a test never skips silently. {@link #restart()} brings a killed server
 * back on the same port (empty, as a restarted memcached is).
 */
public final class MemcachedProcess implements AutoCloseable {
    private final String host;
    private final int port;
    private final List<String> extraArgs;
    private final Path log;
    private ChildProcess process;

    private MemcachedProcess(String host, int port, List<String> extraArgs, Path log) {
        this.host = host;
        this.port = port;
        this.extraArgs = extraArgs;
        this.log = log;
    }

    /** Starts one on a free port of {@code host}; {@code extraArgs} such as {@code -I 2m}. */
    public static MemcachedProcess start(String host, String... extraArgs) throws IOException {
        MemcachedProcess server = new MemcachedProcess(host, RedisServerProcess.freePort(host), List.of(extraArgs),
                Files.createTempFile("memcached-", ".log"));
        server.restart();
        return server;
    }

    /** Starts the process (again) on the same port and waits until it answers {@code version}. */
    public void restart() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("memcached", "-l", host, "-p", Integer.toString(port), "-U", "0",
                "-m", "64", "-t", "1"));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-u", "root"));
        }
        cmd.addAll(extraArgs);
        process = ChildProcess.start("memcached", cmd, log, false);
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (McText client = McText.connect(host, port)) {
                if (client.call("version\r\n").startsWith("VERSION ")) {
                    return;
                }
            } catch (IOException e) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    process.kill();
                    throw new IOException("memcached on " + address() + " did not start:\n" + process.logTail(20), e);
                }
                RedisServerProcess.sleep(20);
            }
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String address() {
        return host + ":" + port;
    }

    /** Stops the server as a crash would (SIGKILL). */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() throws IOException {
        process.kill();
        Files.deleteIfExists(log);
    }
}
