package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.uring.IoUring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jnutcracker --transport io_uring}: where this machine has io_uring, a pool of two
 * servers (fnv1a_64/ketama) over TCP and a pool on unix sockets (io_uring's own domain-socket
 * channels) serve SET/GET and the proxy stops cleanly on SIGTERM. Where it has not, the same command
 * must fail at start-up with status 1 and Netty's reason: the test never skips, it checks whichever
 * behaviour applies. The failure path is also forced on every machine by disabling Netty's native
 * transports ({@code -Dio.netty.transport.noNative=true}).
 */
class TransportIT {
    private static final String HOST = "127.0.0.1";
    private static final String UNAVAILABLE = "transport 'io_uring' (--transport) is not available here: ";

    @Test
    void ioUringServesAPoolOrRefusesToStartWithTheReason(@TempDir Path dir) throws Exception {
        Path redisSock = dir.resolve("redis.sock");
        Path listenSock = dir.resolve("proxy.sock");
        try (RedisServerProcess r1 = RedisServerProcess.start(HOST, "--unixsocket", redisSock.toString());
             RedisServerProcess r2 = RedisServerProcess.start(HOST)) {
            int port = RedisServerProcess.freePort(HOST);
            Path conf = dir.resolve("nutcracker.yml");
            Files.writeString(conf, """
                    alpha:
                      listen: %s:%d
                      hash: fnv1a_64
                      distribution: ketama
                      redis: true
                      servers:
                       - %s:1 server1
                       - %s:1 server2
                    sock:
                      listen: %s 0600
                      redis: true
                      servers:
                       - %s:1
                    """.formatted(HOST, port, r1.address(), r2.address(), listenSock, redisSock));
            Process proxy = LauncherIT.launcher("bin/jnutcracker", "--transport", "io_uring", "-c", conf.toString(),
                    "-s", "" + RedisServerProcess.freePort(HOST)).redirectErrorStream(true).start();
            if (!IoUring.isAvailable()) {
                // Not silently skipped: on a kernel without io_uring the flag must fail loudly.
                assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String out = new String(proxy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(proxy.exitValue()).isEqualTo(1);
                assertThat(out).contains(UNAVAILABLE + IoUring.unavailabilityCause());
                return;
            }
            try {
                LauncherIT.awaitPort(port);
                try (RespClient c = new RespClient(HOST, port)) {
                    for (int i = 0; i < 20; i++) { // 20 keys: both servers of the continuum get some
                        assertThat(c.call("SET", "t:" + i, "v" + i)).isEqualTo("+OK\r\n");
                    }
                    for (int i = 0; i < 20; i++) {
                        assertThat(c.call("GET", "t:" + i)).isEqualTo("$" + ("v" + i).length() + "\r\nv" + i + "\r\n");
                    }
                }
                assertThat(Integer.parseInt(r1.command("DBSIZE").substring(1))).isPositive();
                assertThat(Integer.parseInt(r2.command("DBSIZE").substring(1))).isPositive();
                assertThat(LauncherIT.run("redis-cli", "-s", listenSock.toString(), "set", "u", "nix").output().trim())
                        .isEqualTo("OK");
                assertThat(LauncherIT.run("redis-cli", "-s", listenSock.toString(), "get", "u").output().trim())
                        .isEqualTo("nix");
            } finally {
                Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(proxy.pid())}).waitFor();
                assertThat(proxy.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            String out = new String(proxy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).contains("with 2 pools, transport io_uring");
            assertThat(proxy.exitValue()).isZero();
        }
    }

    @Test
    void aDisabledIoUringIsAStartupErrorWithNettysReason(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("nutcracker.yml");
        int port = RedisServerProcess.freePort(HOST);
        Files.writeString(conf, "alpha:\n  listen: %s:%d\n  servers:\n   - %s:%d:1\n"
                .formatted(HOST, port, HOST, RedisServerProcess.freePort(HOST)));
        ProcessBuilder pb = LauncherIT.launcher("bin/jnutcracker", "--transport", "io_uring", "-c", conf.toString(),
                "-s", "" + RedisServerProcess.freePort(HOST)).redirectErrorStream(true);
        pb.environment().put("JN_JAVA_OPTS", "-Dio.netty.transport.noNative=true");
        Process proxy = pb.start();
        String out = new String(proxy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proxy.exitValue()).isEqualTo(1);
        assertThat(out).contains(UNAVAILABLE + "java.lang.UnsupportedOperationException: Native transport was"
                + " explicit disabled with -Dio.netty.transport.noNative=true");
    }
}
