package io.jnutcracker;

import io.jnutcracker.cli.ProxyCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import sun.misc.Signal;

/**
 * The training run of the class-data sharing archive ({@code target/jnutcracker.jsa}, made by
 * {@code mvn package}, see tools/cds-archive and bin/jnutcracker): runs the real start path, as
 * {@code bin/jnutcracker -c FILE -o LOG -s PORT --prometheus-port PORT} does, on loopback ports and
 * a backend of its own, and walks the first requests through it (PING answered by the proxy, GET
 * forwarded, the stats port, a scrape), then stops it with SIGTERM as an operator would. Every class
 * loaded on the way goes into the archive; the next start maps them instead of reading, parsing and
 * verifying them from the jar. Not for operators: exits 1 if any step fails, so the build fails.
 */
public final class CdsTraining {
    /** Generous for a loaded build machine: the proxy normally answers within a second. */
    private static final long GIVE_UP_MILLIS = 60_000;

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Main.bindLogging(); // as bin/jnutcracker's start: the same classes
        Path dir = Files.createTempDirectory("jn-cds-");
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        int status;
        try (ServerSocket backend = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = freePort();
            int stats = freePort();
            int prometheus = freePort();
            Path conf = dir.resolve("training.yml");
            Files.writeString(conf, """
                    training:
                      listen: 127.0.0.1:%d
                      redis: true
                      hash: fnv1a_64
                      distribution: ketama
                      servers:
                       - 127.0.0.1:%d:1
                    """.formatted(port, backend.getLocalPort()));
            Thread fake = new Thread(() -> serveNil(backend), "cds-backend");
            fake.setDaemon(true);
            fake.start();
            Thread driver = new Thread(() -> {
                try {
                    drive(port, stats, prometheus);
                } catch (Throwable t) {
                    failed.set(t);
                } finally {
                    // The proxy's own graceful stop. The driver can be done before the proxy has
                    // installed its handlers (they come after the stats port): a TERM then reaches
                    // the no-op handler below, not the JVM's default (exit 143, a failed build),
                    // so it is sent again every 100 ms until the proxy has stopped.
                    try {
                        do {
                            Signal.raise(new Signal("TERM"));
                        } while (!stopped.await(100, TimeUnit.MILLISECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "cds-driver");
            Signal.handle(new Signal("TERM"), early -> { }); // until the proxy installs its own
            driver.setDaemon(true);
            driver.start();
            status = ProxyCommand.execute(new String[] {"-c", conf.toString(), "-o", dir.resolve("training.log").toString(),
                    "-a", "127.0.0.1", "-s", Integer.toString(stats), "--prometheus-port", Integer.toString(prometheus)});
            stopped.countDown();
            if (status != 0 && Files.exists(dir.resolve("training.log"))) {
                System.err.print(Files.readString(dir.resolve("training.log"))); // why, for the build's output
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (failed.get() != null) {
            System.err.println("cds training failed: " + failed.get());
            status = 1;
        }
        System.exit(status);
    }

    private static void drive(int port, int stats, int prometheus) throws Exception {
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                expect(s, "*1\r\n$4\r\nPING\r\n", "+PONG\r\n");
                expect(s, "*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n", "$-1\r\n");
                break;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(10);
            }
        }
        // The stats port opens after the proxy's first PONG can be served: wait for it too.
        try (Socket s = connect(stats, deadline)) {
            if (!new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("\"training\"")) {
                throw new IOException("stats port: no pool in the document");
            }
        }
        try (Socket s = connect(prometheus, deadline)) {
            s.getOutputStream().write("GET /metrics HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (!new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("HTTP/1.1 200")) {
                throw new IOException("prometheus endpoint: no 200");
            }
        }
    }

    private static Socket connect(int port, long deadline) throws IOException, InterruptedException {
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(10);
            }
        }
    }

    private static void expect(Socket s, String request, String reply) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        byte[] got = s.getInputStream().readNBytes(reply.length());
        if (!new String(got, StandardCharsets.US_ASCII).equals(reply)) {
            throw new IOException("expected " + reply.trim() + ", got " + new String(got, StandardCharsets.US_ASCII));
        }
    }

    /** A backend answering every read with a nil bulk: one GET per read is all the driver sends. */
    private static void serveNil(ServerSocket backend) {
        while (!backend.isClosed()) {
            try (Socket c = backend.accept()) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                byte[] buf = new byte[4096];
                while (in.read(buf) > 0) {
                    out.write("$-1\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException closed) {
                // the proxy hung up, or we are done
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
