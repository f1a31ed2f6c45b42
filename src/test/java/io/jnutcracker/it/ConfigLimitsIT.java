package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runaway configuration file delivered by SIGHUP to {@code bin/jnutcracker} as an operator runs it
 * (its real heap, -Xmx512m, and -XX:+ExitOnOutOfMemoryError): a 100 MiB file, valid YAML that
 * nutcracker's {@code -t} accepts, is refused by the size limit, the running configuration keeps
 * serving a connected client throughout, and stats count one failed reload naming the reason.
 * Before the limits the reload ran the heap out within 5 s and the process died, dropping every
 * client.
 */
class ConfigLimitsIT {
    private static final Pattern FAILURES = Pattern.compile("\"reload_failures\":(\\d+)");

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aHundredMibFileBySighupLeavesTheProxyServing(@TempDir Path dir) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            int statsPort = RedisServerProcess.freePort("127.0.0.1");
            Path conf = dir.resolve("nutcracker.yml");
            String yml = """
                    alpha:
                      listen: 127.0.0.1:%d
                      redis: true
                      servers:
                       - %s:1 redis01
                    """.formatted(port, redis.address());
            Files.writeString(conf, yml);
            Process proxy = LauncherIT.launcher("bin/jnutcracker", "-c", conf.toString(), "-s", "" + statsPort,
                    "-a", "127.0.0.1", "-i", "100", "-o", dir.resolve("jn.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("jn.out").toFile()).start();
            try {
                LauncherIT.awaitPort(port);
                LauncherIT.awaitPort(statsPort);
                try (RespClient client = new RespClient("127.0.0.1", port)) {
                    assertThat(client.call("SET", "k", "v")).isEqualTo("+OK\r\n");
                    writeHundredMib(conf, yml);
                    LauncherIT.kill("HUP", proxy);
                    // The client keeps getting replies while the reload is attempted and after.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    int replies = 0;
                    while (failures(statsPort) < 1) {
                        assertThat(System.nanoTime()).as("a failed reload counted within 60 s").isLessThan(deadline);
                        assertThat(proxy.isAlive()).as("proxy alive").isTrue();
                        assertThat(client.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
                        replies++;
                        Thread.sleep(20);
                    }
                    for (int i = 0; i < 50; i++) {
                        assertThat(client.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
                        replies++;
                    }
                    assertThat(replies).isGreaterThan(50);
                    assertThat(proxy.isAlive()).isTrue();
                    assertThat(failures(statsPort)).isEqualTo(1);
                    assertThat(stats(statsPort)).contains("is too large: " + Files.size(conf)
                            + " bytes, limit 16777216 bytes");
                }
            } finally {
                LauncherIT.kill("TERM", proxy);
                proxy.waitFor(20, TimeUnit.SECONDS);
                proxy.destroyForcibly();
            }
        }
    }

    /**
     * {@code yml} followed by 100 MiB of distinct servers (about 5 million): valid YAML that
     * nutcracker's {@code -t} accepts (11 s, 1.2 GB). Before the limits, holding every token and
     * event of it ran the proxy's heap out within seconds ({@code GC overhead limit exceeded}).
     */
    private static void writeHundredMib(Path conf, String yml) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(conf), 1 << 16)) {
            out.write(yml.getBytes(StandardCharsets.US_ASCII));
            long written = 0;
            for (int i = 0; written < (100L << 20); i++) {
                byte[] line = ("   - 10.%d.%d.%d:6379:1\n".formatted(i >> 16 & 255, i >> 8 & 255, i & 255))
                        .getBytes(StandardCharsets.US_ASCII);
                out.write(line);
                written += line.length;
            }
        }
    }

    private static long failures(int statsPort) throws IOException {
        Matcher m = FAILURES.matcher(stats(statsPort));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** What the stats port sends (nutcracker's JSON, with our reload fields). */
    private static String stats(int statsPort) throws IOException {
        try (Socket s = new Socket("127.0.0.1", statsPort)) {
            s.setSoTimeout(10_000);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
