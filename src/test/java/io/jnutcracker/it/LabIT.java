package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnutcracker.lab.Lab;
import io.jnutcracker.lab.Layout;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The README's main job, end to end, judged by what it does rather than by what it prints: the
 * seed's keys written through 127.0.99.11:1111 are read back through both data centres' :1112;
 * the exit status says whether the check passed; {@code jnutcracker check} names exactly the
 * mis-paired members of the as-written layout; and stopping the lab stops everything it started.
 * Uses the lab's fixed addresses (127.0.99.11/12), so two runs on one machine cannot overlap.
 */
class LabIT {
    private static final Map<String, String> WRITTEN = SeedCheckIT.WRITTEN;

    /** {@code bin/jnutcracker-lab} as a user runs it: up until stopped, the keys readable in both data centres. */
    @Test
    void theReadmeCommandServesTheSeedsKeysInBothDataCentresUntilStopped() throws Exception {
        awaitAddressesFree();
        Process p = LauncherIT.launcher("bin/jnutcracker-lab").redirectErrorStream(true).start();
        try {
            // The lab says when its check is done and it is up; keep reading so it never blocks on a full pipe.
            CountDownLatch up = new CountDownLatch(1);
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (line.startsWith("lab: up until")) {
                            up.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
                up.countDown(); // the output ended: the lab exited without coming up
            });
            reader.start();
            assertThat(up.await(180, TimeUnit.SECONDS) && p.isAlive()).as("lab up; output so far:\n%s", output).isTrue();
            for (String host : List.of("127.0.99.11", "127.0.99.12")) {
                try (Jedis dc = new Jedis(host, 1112)) {
                    WRITTEN.forEach((k, v) -> assertThat(dc.get(k)).as(host + " get " + k).isEqualTo(v));
                    assertThat(dc.get("k2")).isNull();
                }
            }
            p.destroy(); // SIGTERM, as bin/jnutcracker-lab --stop sends: after a passed check, exit 0
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            assertThat(p.exitValue()).as(output.toString()).isZero();
        } finally {
            p.destroyForcibly();
        }
        assertStopped();
    }

    /** The seed's configs as written: each data centre misses the other master's keys, and check names why. */
    @Test
    void asWrittenEachDataCentreMissesOneMastersKeysAndCheckNamesTheMisPairedMembers() throws Exception {
        awaitAddressesFree();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        Lab.Report report;
        try (Lab lab = new Lab(new Lab.Options(Layout.AS_WRITTEN, null, 200, log -> { }), out, out)) {
            report = lab.run();
        }
        String transcript = text.toString(StandardCharsets.UTF_8);
        assertThat(report.status()).as(transcript).isEqualTo(Lab.EXIT_OK);
        // nutcracker's placement puts k1 p1 product on redis01 (6401), hello hello1 on redis02 (6402);
        // detail01's read pool copies only 6401, detail02's only 6402.
        assertThat(report.found()).as(transcript).isEqualTo(Map.of(
                "detail01", List.of("k1", "p1", "product"),
                "detail02", List.of("hello", "hello1")));
        assertThat(report.named()).as(transcript).containsExactly("detail01/redis02", "detail02/redis01");
        assertStopped();
    }

    /** {@code --failover}: Sentinel fails redis01 over under traffic; no acknowledged write is lost. */
    @Test
    void failoverLosesNoAcknowledgedWriteAndTheOldMasterComesBackAsAReplica() throws Exception {
        awaitAddressesFree();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        int status;
        try (io.jnutcracker.lab.FailoverLab lab = new io.jnutcracker.lab.FailoverLab(out)) {
            status = lab.run();
        }
        String transcript = text.toString(StandardCharsets.UTF_8);
        assertThat(status).as(transcript).isEqualTo(Lab.EXIT_OK);
        assertThat(transcript).contains("after the switch missing on the new master 127.0.99.11:6403: 0 (must be 0)",
                "127.0.99.11:6401 is now: replica of 127.0.99.11:6403, link up",
                "after the failover, detail02 :1112 reads from [redis01 = 127.0.99.12:6405, redis02 = 127.0.99.12:6406]");
        assertStopped();
    }

    @Test
    void anUnknownFlagCannotSetUp() throws Exception {
        LauncherIT.Result r = LauncherIT.run("bin/jnutcracker-lab", "--no-such-flag");
        assertThat(r.exit()).as(r.output()).isEqualTo(Lab.EXIT_SETUP);
    }

    /** A master, a read replica in detail02 and a proxy: what every layout listens on. */
    private static final String[][] SOME_ADDRESSES = {{"127.0.99.11", "6401"}, {"127.0.99.12", "6405"}, {"127.0.99.11", "1111"}};

    /** Nothing the lab started still listens. */
    private static void assertStopped() {
        for (String[] a : SOME_ADDRESSES) {
            assertThatThrownBy(() -> new Socket(a[0], Integer.parseInt(a[1])).close())
                    .as(a[0] + ":" + a[1]).isInstanceOf(ConnectException.class);
        }
    }

    /**
     * The lab's addresses are fixed: on a machine shared with other checkouts, another lab may hold
     * them for a while (a run takes seconds), so wait for them rather than fail at once.
     */
    private static void awaitAddressesFree() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String[] a : SOME_ADDRESSES) {
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket(a[0], Integer.parseInt(a[1]))) {
                    Thread.sleep(500);
                } catch (java.io.IOException free) {
                    break;
                }
            }
        }
    }
}
