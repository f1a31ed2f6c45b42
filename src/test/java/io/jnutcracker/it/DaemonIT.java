package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnutcracker.stats.PrometheusText;
import io.jnutcracker.stats.StatsDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jnutcracker} as an init script runs it: {@code -d -p} detaches a daemon that serves,
 * answers the stats port and Prometheus, reacts to SIGTTIN/SIGTTOU/SIGUSR1/SIGUSR2/SIGHUP with
 * nutcracker's log lines, and stops on SIGTERM sent to the pid in its pid file, removing it. A
 * failed daemon start is reported with status 1. In the foreground, SIGTERM lets a request in
 * flight finish before the proxy exits 0. Every wait polls with a generous deadline.
 */
class DaemonIT {
    private static final String HOST = "127.0.0.1";
    private static final long DEADLINE_MS = 30_000;

    @Test
    void daemonRunsUntilTheSignalSentToItsPidFile(@TempDir Path dir) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(HOST)) {
            int port = RedisServerProcess.freePort(HOST);
            int statsPort = RedisServerProcess.freePort(HOST);
            int promPort = RedisServerProcess.freePort(HOST);
            Path conf = conf(dir, port, redis.address());
            Path pidFile = dir.resolve("run/jn.pid");
            Files.createDirectories(pidFile.getParent());
            Path log = dir.resolve("jn.log");
            LauncherIT.Result r = LauncherIT.run("bin/jnutcracker", "-d", "-p", pidFile.toString(), "-o", log.toString(),
                    "-c", conf.toString(), "-s", "" + statsPort, "-a", HOST, "-i", "50",
                    "--prometheus-port", "" + promPort);
            assertThat(r.exit()).as(r.output()).isZero();
            // The launcher returns once the proxy listens and the pid file is written.
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            assertThat(r.output()).contains("jnutcracker: daemon started on pid " + pid);
            ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
            try {
                assertThat(daemon.isAlive()).isTrue();
                assertThat(sessionOf(pid)).as("the daemon leads its own session (setsid)").isEqualTo(pid);

                try (RespClient c = new RespClient(HOST, port)) {
                    assertThat(c.call("SET", "k1", "v1")).isEqualTo("+OK\r\n");
                    assertThat(c.call("GET", "k1")).isEqualTo("$2\r\nv1\r\n");
                }
                StatsDocument doc = awaitRequests(statsPort, 2);
                assertThat(doc.headerNames()).isEqualTo(StatsDocument.expectedHeaderNames());
                PrometheusText prom = PrometheusText.parse(httpGet("http://127.0.0.1:" + promPort + "/metrics"));
                assertThat(prom.value("nutcracker_requests_total", "pool", "alpha", "server", "redis01")).isEqualTo(2.0);

                signal("TTIN", pid);
                awaitLog(log, "signal 21 (SIGTTIN) received, up logging level");
                awaitLog(log, "up log level to 6");
                signal("TTOU", pid);
                awaitLog(log, "signal 22 (SIGTTOU) received, down logging level");
                awaitLog(log, "down log level to 5");
                signal("USR1", pid);
                awaitLog(log, "signal 10 (SIGUSR1) received");
                signal("USR2", pid);
                awaitLog(log, "signal 12 (SIGUSR2) received");
                // logrotate: move the file away, SIGHUP, and the proxy writes to a new file.
                Path rotated = dir.resolve("jn.log.1");
                Files.move(log, rotated);
                signal("HUP", pid);
                awaitLog(rotated, "signal 1 (SIGHUP) received, reopening log file");
                signal("USR1", pid);
                awaitLog(log, "signal 10 (SIGUSR1) received");
                assertThat(daemon.isAlive()).isTrue();

                signal("TERM", pid);
                assertThat(daemon.onExit().get(DEADLINE_MS, TimeUnit.MILLISECONDS).isAlive()).isFalse();
                assertThat(pidFile).doesNotExist();
                awaitLog(log, "signal 15 (SIGTERM) received, exiting");
                awaitLog(log, "done, rabbit done");
            } finally {
                daemon.destroyForcibly();
            }
        }
    }

    @Test
    void aDaemonThatCannotStartIsReportedWithStatus1(@TempDir Path dir) throws Exception {
        LauncherIT.Result badFlag = LauncherIT.run("bin/jnutcracker", "-d", "-s", "99999");
        assertThat(badFlag.exit()).isEqualTo(1);
        assertThat(badFlag.output()).contains("jnutcracker: option -s value 99999 is not a valid port");

        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
            Path conf = conf(dir, taken.getLocalPort(), "127.0.0.1:1");
            Path pidFile = dir.resolve("jn.pid");
            LauncherIT.Result inUse = LauncherIT.run("bin/jnutcracker", "-dc", conf.toString(), "-p",
                    pidFile.toString(), "-o", dir.resolve("jn.log").toString(),
                    "-s", "" + RedisServerProcess.freePort(HOST));
            assertThat(inUse.exit()).as(inUse.output()).isEqualTo(1);
            assertThat(inUse.output()).contains("Address already in use");
            assertThat(pidFile).doesNotExist();

            LauncherIT.Result test = LauncherIT.run("bin/jnutcracker", "-dt", "-c", conf.toString());
            assertThat(test.exit()).isZero();
            assertThat(test.output()).contains("syntax is ok");
        }
    }

    @Test
    void sigtermLetsARequestInFlightFinishThenExits0(@TempDir Path dir) throws Exception {
        try (HeldServer backend = new HeldServer()) {
            int port = RedisServerProcess.freePort(HOST);
            Path conf = conf(dir, port, backend.address());
            Path pidFile = dir.resolve("jn.pid");
            Path log = dir.resolve("jn.log");
            Process proxy = LauncherIT.launcher("bin/jnutcracker", "-c", conf.toString(), "-p", pidFile.toString(),
                    "-o", log.toString(), "-s", "" + RedisServerProcess.freePort(HOST), "--shutdown-timeout", "30000")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
            try {
                awaitPort(port);
                try (RespClient c = new RespClient(HOST, port)) {
                    c.send(RespClient.encode("GET", "k1"));
                    CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
                        try {
                            return c.readReply();
                        } catch (IOException e) {
                            return e.toString();
                        }
                    });
                    assertThat(backend.requestArrived.await(DEADLINE_MS, TimeUnit.MILLISECONDS)).isTrue();
                    signal("TERM", proxy.pid());
                    awaitLog(log, "stopping: listeners closed, 1 requests in flight");
                    assertThatThrownBy(() -> new Socket(HOST, port).close()).isInstanceOf(ConnectException.class);
                    assertThat(proxy.isAlive()).as("waits for the request in flight").isTrue();
                    backend.answer("$2\r\nv1\r\n");
                    assertThat(reply.get(DEADLINE_MS, TimeUnit.MILLISECONDS)).isEqualTo("$2\r\nv1\r\n");
                }
                assertThat(proxy.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS)).isTrue();
                assertThat(proxy.exitValue()).isZero();
                assertThat(pidFile).doesNotExist();
                awaitLog(log, "done, rabbit done");
            } finally {
                proxy.destroyForcibly();
            }
        }
    }

    private static Path conf(Path dir, int port, String server) throws IOException {
        Path conf = dir.resolve("nutcracker.yml");
        Files.writeString(conf, """
                alpha:
                  listen: 127.0.0.1:%d
                  redis: true
                  servers:
                   - %s:1 redis01
                """.formatted(port, server));
        return conf;
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Field 6 of /proc/PID/stat: the session id. */
    private static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (true) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("'" + text + "' never appeared in " + log + ":\n"
                        + (Files.exists(log) ? Files.readString(log) : "(no file)"));
            }
            Thread.sleep(20);
        }
    }

    private static StatsDocument awaitRequests(int statsPort, long requests) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (true) {
            StatsDocument doc = StatsDocument.read(HOST, statsPort);
            if (doc.serverValue("alpha", "redis01", "requests") == requests) {
                return doc;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("stats never showed " + requests + " requests: " + doc.text);
            }
            Thread.sleep(20);
        }
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MS * 2;
        while (true) {
            try (Socket s = new Socket(HOST, port)) {
                return;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("proxy did not listen on " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    private static String httpGet(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** A backend that holds the first request until the test answers it. */
    private static final class HeldServer implements AutoCloseable {
        final CountDownLatch requestArrived = new CountDownLatch(1);
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST));
        private final CompletableFuture<Socket> client = new CompletableFuture<>();

        HeldServer() throws IOException {
            Thread t = new Thread(() -> {
                try {
                    Socket c = socket.accept();
                    client.complete(c);
                    InputStream in = c.getInputStream();
                    if (in.read() >= 0) {
                        requestArrived.countDown();
                    }
                } catch (IOException e) {
                    client.completeExceptionally(e);
                }
            }, "held-server");
            t.setDaemon(true);
            t.start();
        }

        String address() {
            return HOST + ":" + socket.getLocalPort();
        }

        void answer(String reply) throws Exception {
            OutputStream out = client.get(DEADLINE_MS, TimeUnit.MILLISECONDS).getOutputStream();
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            if (client.isDone() && !client.isCompletedExceptionally()) {
                client.join().close();
            }
        }
    }
}
