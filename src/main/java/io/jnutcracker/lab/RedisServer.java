package io.jnutcracker.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} on loopback, for the lab and the integration tests: started, awaited
 * until it answers PING, stopped. Set {@code REDIS_SERVER} to use another binary. Nothing is saved:
 * {@code --save ''}, no AOF; a replica's full sync still writes an RDB, into {@code dir}.
 */
public final class RedisServer implements AutoCloseable {
    private static final long START_TIMEOUT_NANOS = 10_000_000_000L;

    private final String host;
    private final int port;
    private final ChildProcess process;

    private RedisServer(String host, int port, ChildProcess process) {
        this.host = host;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a server on {@code host:port} with its files in {@code dir} (RDB {@code dump-HOST-PORT.rdb},
     * so servers on one port of two hosts can share a directory) and its output in {@code log}.
     * {@code extraArgs} come last, so they override ours.
     */
    public static RedisServer start(String host, int port, Path dir, Path log, boolean ownSession,
                                    List<String> extraArgs) throws IOException {
        String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
        List<String> cmd = new ArrayList<>(List.of(binary, "--bind", host, "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", "",
                "--dir", dir.toString(), "--dbfilename", "dump-" + host + "-" + port + ".rdb"));
        cmd.addAll(extraArgs);
        Files.createDirectories(dir);
        return launch(host, port, binary, cmd.subList(1, cmd.size()), log, ownSession);
    }

    /**
     * Runs {@code binary args} (a redis-server, or a redis-sentinel: both answer PING) that will
     * listen on {@code host:port}, and waits until it answers.
     */
    static RedisServer launch(String host, int port, String binary, List<String> args, Path log, boolean ownSession)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary));
        cmd.addAll(args);
        ChildProcess p;
        try {
            p = ChildProcess.start((binary.endsWith("sentinel") ? "sentinel-" : "redis-") + host + "-" + port, cmd, log,
                    ownSession);
        } catch (IOException e) {
            throw new IOException("cannot start " + binary + " (bin/test and bin/jnutcracker-lab install it): "
                    + e.getMessage(), e);
        }
        RedisServer server = new RedisServer(host, port, p);
        try {
            server.awaitPing();
        } catch (IOException | RuntimeException e) {
            server.kill(); // a server that never answered must not outlive its caller
            throw e;
        }
        return server;
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

    public ChildProcess process() {
        return process;
    }

    /** Sends one inline command and returns the first reply line (enough for setup and checks). */
    public String command(String inline) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString().trim();
        }
    }

    private void awaitPing() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(process.name() + " exited during startup with status " + process.exitValue()
                        + " (log: " + process.log() + "):\n" + process.logTail(20));
            }
            try {
                String pong = command("PING");
                if (pong.equals("+PONG") || pong.startsWith("-NOAUTH")) { // requirepass servers answer too
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(20);
        }
        throw new IOException(address() + " did not answer PING within 10s (log: " + process.log() + ")");
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
    public void pause() throws IOException, InterruptedException {
        process.signal("STOP");
    }

    public void resume() throws IOException, InterruptedException {
        process.signal("CONT");
    }

    /** Stops the server with SIGKILL, as a crash would, and waits for it. */
    public void kill() {
        process.kill();
    }

    /** Stops the server with SIGTERM (SIGKILL after 10 s). */
    public void stop() {
        process.stop(10_000);
    }

    @Override
    public void close() {
        kill();
    }

    /** A port nothing listens on right now. */
    public static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        }
    }

    /** Sleeps, keeping an interrupt for the caller to see. */
    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
