package io.jnutcracker.it;

import java.io.File;
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
 * A real {@code redis-server} on loopback, started on a free port for a test and stopped after it.
 * Fails loudly when the binary is missing: the README's test command installs it, so a test never
 * skips silently. Set {@code REDIS_SERVER} to use another binary.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final String host;
    private final int port;
    private final Process process;
    private final Path log;

    private RedisServerProcess(String host, int port, Process process, Path log) {
        this.host = host;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static RedisServerProcess start(String host, String... extraArgs) throws IOException {
        return start(host, freePort(host), extraArgs);
    }

    public static RedisServerProcess start(String host, int port, String... extraArgs) throws IOException {
        String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
        List<String> cmd = new ArrayList<>(List.of(binary, "--bind", host, "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", "",
                // Replicas write the RDB of a full sync: keep it out of the working tree.
                "--dir", System.getProperty("java.io.tmpdir"), "--dbfilename", "jn-it-" + port + ".rdb"));
        cmd.addAll(List.of(extraArgs));
        Path log = Files.createTempFile("redis-" + port + "-", ".log");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start redis-server (install it: the README's test command does)", e);
        }
        RedisServerProcess server = new RedisServerProcess(host, port, p, log);
        try {
            server.awaitPing();
        } catch (IOException | RuntimeException e) {
            server.close(); // a server that never answered must not outlive the test
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
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + Files.readString(log));
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
        throw new IOException("redis-server on " + address() + " did not answer PING");
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Stops the server (SIGKILL, so tests can model a crash) and waits for it. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A killed server is not restarted by this object: nothing of it is needed any more.
        new File(log.toString()).delete();
        new File(System.getProperty("java.io.tmpdir"), "jn-it-" + port + ".rdb").delete();
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

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
