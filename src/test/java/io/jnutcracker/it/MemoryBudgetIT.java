package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * The reply budget (issues 13 and 14): slow clients that pipeline GETs of 100 KB values and read
 * nothing cannot exhaust the proxy's direct memory, an innocent client on the same pool keeps being
 * served meanwhile, every slow client gets every reply in order once it reads, and a value larger
 * than the proxy may hold is refused with an error that says so. The proxy runs as bin/jnutcracker
 * with 96 MB of direct memory, so the budget is 72 MB (six slow clients would want 600 MB).
 */
class MemoryBudgetIT {
    private static final int VALUE = 100 * 1024;
    private static final int SLOW = 6;
    private static final int GETS = 1000;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void slowReadersCannotStarveAnInnocentClient(@TempDir Path dir) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            try (RespClient direct = new RespClient("127.0.0.1", redis.port())) {
                assertThat(direct.call("SET", "page", "p".repeat(VALUE))).isEqualTo("+OK\r\n");
                assertThat(direct.call("SET", "small", "ok")).isEqualTo("+OK\r\n");
            }
            int port = RedisServerProcess.freePort("127.0.0.1");
            Path conf = dir.resolve("budget.yml");
            Files.writeString(conf, """
                    budget:
                      listen: 127.0.0.1:%d
                      redis: true
                      servers:
                       - %s:1 one
                    """.formatted(port, redis.address()));
            ProcessBuilder pb = LauncherIT.launcher("bin/jnutcracker", "-c", conf.toString(), "-o",
                    dir.resolve("jn.log").toString());
            pb.environment().put("JN_JAVA_OPTS", "-XX:MaxDirectMemorySize=96m");
            Process proxy = pb.redirectErrorStream(true).redirectOutput(dir.resolve("jn.out").toFile()).start();
            try {
                LauncherIT.awaitPort(port);
                List<Socket> slow = new ArrayList<>();
                byte[] gets = repeat(RespClient.encode("GET", "page"), GETS);
                for (int i = 0; i < SLOW; i++) {
                    Socket s = new Socket();
                    s.setReceiveBufferSize(64 * 1024);
                    s.connect(new InetSocketAddress("127.0.0.1", port));
                    slow.add(s);
                    Thread writer = new Thread(() -> {
                        try {
                            s.getOutputStream().write(gets); // blocks once the proxy stops reading: fine
                        } catch (Exception ignored) {
                            // the assertions below tell what happened
                        }
                    });
                    writer.setDaemon(true);
                    writer.start();
                }
                Thread.sleep(2000); // let the slow clients fill what they can
                try (RespClient innocent = new RespClient("127.0.0.1", port)) {
                    innocent.soTimeout(10_000);
                    for (int i = 0; i < 50; i++) {
                        assertThat(innocent.call("GET", "small")).isEqualTo("$2\r\nok\r\n");
                    }
                }
                assertThat(proxy.isAlive()).isTrue();
                String header = "$" + VALUE + "\r\n";
                for (Socket s : slow) {
                    s.setSoTimeout(30_000);
                    assertThat(readReplies(s.getInputStream(), header, GETS)).isEqualTo(GETS);
                    s.close();
                }
                String log = Files.readString(dir.resolve("jn.log"));
                assertThat(log).doesNotContain("direct buffer memory").doesNotContain("OutOfMemoryError");
            } finally {
                proxy.destroy();
                proxy.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aValueOverTheBudgetIsRefusedInWords(@TempDir Path dir) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            Path conf = dir.resolve("budget.yml");
            Files.writeString(conf, "p:\n  listen: 127.0.0.1:%d\n  redis: true\n  servers:\n   - %s:1 one\n"
                    .formatted(port, redis.address()));
            ProcessBuilder pb = LauncherIT.launcher("bin/jnutcracker", "-c", conf.toString());
            pb.environment().put("JN_JAVA_OPTS", "-XX:MaxDirectMemorySize=96m");
            Process proxy = pb.redirectErrorStream(true).redirectOutput(dir.resolve("jn.out").toFile()).start();
            try {
                LauncherIT.awaitPort(port);
                try (RespClient client = new RespClient("127.0.0.1", port)) {
                    assertThat(client.call("SET", "k", "x".repeat(1024))).isEqualTo("+OK\r\n"); // well within
                    client.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$40000000\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(client.readReply()).startsWith("-ERR Protocol error: request too large: a value of 40000000 bytes")
                            .contains("memory budget");
                }
                try (RespClient again = new RespClient("127.0.0.1", port)) {
                    assertThat(again.call("GET", "k")).isEqualTo("$1024\r\n" + "x".repeat(1024) + "\r\n");
                }
            } finally {
                proxy.destroy();
                proxy.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads {@code n} bulk replies that must each start with {@code header}; returns how many. */
    private static int readReplies(InputStream in, String header, int n) throws Exception {
        byte[] expectedHeader = header.getBytes(StandardCharsets.US_ASCII);
        int bodyAndCrlf = VALUE + 2;
        byte[] buf = new byte[expectedHeader.length];
        byte[] body = new byte[bodyAndCrlf];
        for (int i = 0; i < n; i++) {
            in.readNBytes(buf, 0, buf.length);
            assertThat(new String(buf, StandardCharsets.US_ASCII)).as("reply %d", i).isEqualTo(header);
            assertThat(in.readNBytes(body, 0, bodyAndCrlf)).isEqualTo(bodyAndCrlf);
            assertThat(body[0]).isEqualTo((byte) 'p');
        }
        return n;
    }

    private static byte[] repeat(byte[] one, int times) {
        byte[] all = new byte[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }
}
