package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnutcracker.topology.Endpoint;
import io.jnutcracker.topology.RedisProbe;
import io.jnutcracker.topology.ReplicationInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe against real servers: TCP and unix sockets, AUTH, and servers that fail to answer. */
class RedisProbeIT {
    private final RedisProbe probe = new RedisProbe(500);

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void readsAMastersReplication() throws Exception {
        try (RedisServerProcess r = RedisServerProcess.start("127.0.0.1")) {
            ReplicationInfo info = probe.replication(Endpoint.tcp(r.host(), r.port()), null);

            assertThat(info.isReplica()).isFalse();
            assertThat(info.replid()).hasSize(40);
        }
    }

    @Test
    void authenticatesWithThePoolsPassword() throws Exception {
        try (RedisServerProcess r = RedisServerProcess.start("127.0.0.1")) {
            // set after start: the helper's start-up PING would get NOAUTH
            assertThat(r.command("CONFIG SET requirepass s3cret")).isEqualTo("+OK");
            Endpoint e = Endpoint.tcp(r.host(), r.port());

            assertThat(probe.replication(e, "s3cret").role()).isEqualTo("master");
            assertThatThrownBy(() -> probe.replication(e, "wrong")).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("AUTH refused: WRONGPASS");
            assertThatThrownBy(() -> probe.replication(e, null)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("NOAUTH");
        }
    }

    @Test
    void readsOverAUnixSocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("redis.sock");
        try (RedisServerProcess r = RedisServerProcess.start("127.0.0.1", "--unixsocket", sock.toString())) {
            assertThat(Files.exists(sock)).isTrue();
            assertThat(probe.replication(new Endpoint(null, 0, sock.toString()), null).role()).isEqualTo("master");
        }
        // killed (SIGKILL), the server leaves its socket file behind with nobody listening on it
        assertThat(Files.exists(sock)).isTrue();
        assertThatThrownBy(() -> probe.replication(new Endpoint(null, 0, sock.toString()), null))
                .isInstanceOf(IOException.class).hasMessage("connection refused");
        assertThatThrownBy(() -> probe.replication(new Endpoint(null, 0, dir.resolve("none.sock").toString()), null))
                .isInstanceOf(IOException.class).hasMessage("No such file or directory");
    }

    @Test
    void aFrozenServerIsCutOffAtTheDeadline() throws Exception {
        try (RedisServerProcess r = RedisServerProcess.start("127.0.0.1")) {
            r.pause(); // SIGSTOP: the kernel still accepts the connection, redis never answers
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> probe.replication(Endpoint.tcp(r.host(), r.port()), "pw"))
                        .isInstanceOf(IOException.class).hasMessage("timed out (reply)");
                assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 1500L);
            } finally {
                r.resume();
            }
        }
    }

    @Test
    void refusedAndSilentServersFailWithinTheDeadline() throws Exception {
        int closed = RedisServerProcess.freePort("127.0.0.1");
        assertThatThrownBy(() -> probe.replication(Endpoint.tcp("127.0.0.1", closed), null))
                .isInstanceOf(IOException.class).hasMessage("connection refused");
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(3000);
                } catch (IOException | InterruptedException done) {
                    // test over
                }
            });
            acceptor.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> probe.replication(Endpoint.tcp("127.0.0.1", silent.getLocalPort()), null))
                    .isInstanceOf(IOException.class).hasMessage("timed out (reply)");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 1500L);
            acceptor.interrupt();
        }
    }
}
