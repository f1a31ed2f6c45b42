package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.stats.PrometheusText;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 5: clients of the Prometheus endpoint and of the stats port that send half a
 * request and wait hold nothing up, are closed by the proxy in the end, and a scrape that a client
 * aborts costs one debug line in the log ({@code -o}), nothing on stderr.
 */
class ScrapeHardeningIT {
    private static final String HOST = "127.0.0.1";
    private static final int HALF_OPEN = 10;

    private static String yml(int port) {
        return """
                alpha:
                  listen: 127.0.0.1:%d
                  redis: true
                  servers:
                   - 127.0.0.1:1:1
                """.formatted(port);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tenHalfOpenScrapersDoNotStopAWorkingScrapeAndAreClosedInTheEnd() throws Exception {
        try (ProxyProcess proxy = ProxyProcess.startWithStats(yml(RedisServerProcess.freePort(HOST)), 100, true)) {
            List<Socket> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < HALF_OPEN; i++) {
                    Socket s = new Socket(HOST, proxy.stats().prometheusPort());
                    // A request line and one header, never the empty line that ends the headers.
                    s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    stuck.add(s);
                    Socket t = new Socket(HOST, proxy.stats().port());
                    t.getOutputStream().write("stat".getBytes(StandardCharsets.US_ASCII)); // and never reads
                    stuck.add(t);
                }
                PrometheusText prom = proxy.prometheus(); // HttpClient, 10 s timeout: must be answered
                assertThat(prom.value("nutcracker_curr_connections")).isGreaterThanOrEqualTo(0);
                assertThat(proxy.statsDocument().text).contains("\"alpha\"");
                for (Socket s : stuck) {
                    assertThat(closedByPeer(s)).as("the proxy closes %s in the end", s).isTrue();
                }
            } finally {
                for (Socket s : stuck) {
                    s.close();
                }
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anAbortedScrapeIsOneDebugLineInTheLogAndNothingOnStderr(@TempDir Path dir) throws Exception {
        int port = RedisServerProcess.freePort(HOST);
        int prometheus = RedisServerProcess.freePort(HOST);
        Path conf = dir.resolve("nutcracker.yml");
        Files.writeString(conf, yml(port));
        Path log = dir.resolve("jn.log");
        Path stderr = dir.resolve("stderr");
        Process proxy = LauncherIT.launcher("bin/jnutcracker", "-c", conf.toString(), "-o", log.toString(), "-v", "7",
                        "-s", "" + RedisServerProcess.freePort(HOST), "--prometheus-port", "" + prometheus)
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(stderr.toFile()).start();
        try {
            awaitScrape(prometheus);
            // Half a request, then a reset (SO_LINGER 0): the proxy's next read fails.
            Socket aborted = new Socket(HOST, prometheus);
            int abortedPort = aborted.getLocalPort();
            aborted.getOutputStream().write("GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            aborted.getOutputStream().flush();
            assertThat(scrape(prometheus)).startsWith("HTTP/1.1 200 OK"); // one loop: it has taken the first too
            aborted.setSoLinger(true, 0);
            aborted.close();
            awaitLog(log, "/127.0.0.1:" + abortedPort + " aborted");
            // A whole request, reset before the reply is read: the write may fail, or reach the kernel first.
            Socket gone = new Socket(HOST, prometheus);
            int gonePort = gone.getLocalPort();
            gone.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            gone.setSoLinger(true, 0);
            gone.close();
            // A good scrape after both, then stop: everything the proxy had to say about them is in the log.
            assertThat(scrape(prometheus)).startsWith("HTTP/1.1 200 OK").contains("nutcracker_info");
            new ProcessBuilder("kill", "-TERM", Long.toString(proxy.pid())).start().waitFor();
            assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(Files.readString(stderr)).isEmpty();
            String text = Files.readString(log);
            assertThat(text).doesNotContain("\tat ").doesNotContain("Exception in thread");
            assertThat(lines(text, "/127.0.0.1:" + abortedPort + " aborted")).isEqualTo(1);
            assertThat(lines(text, "/127.0.0.1:" + gonePort + " aborted")).isLessThanOrEqualTo(1);
        } finally {
            proxy.destroyForcibly();
        }
    }

    /** One HTTP/1.0 scrape over a plain socket: the whole reply, headers included. */
    private static String scrape(int port) throws IOException {
        try (Socket s = new Socket(HOST, port)) {
            s.getOutputStream().write("GET /metrics HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Until the endpoint answers (the JVM starting); bounded by the test's @Timeout. */
    private static void awaitScrape(int port) throws Exception {
        while (true) {
            try {
                scrape(port);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
    }

    /** Blocks until the peer ends the connection: EOF, or a reset. */
    private static boolean closedByPeer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // a reply, an error page: read on to the close
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static long lines(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    private static void awaitLog(Path log, String part) throws Exception {
        while (!Files.exists(log) || !Files.readString(log).contains(part)) {
            Thread.sleep(20); // bounded by the test's @Timeout
        }
    }
}
