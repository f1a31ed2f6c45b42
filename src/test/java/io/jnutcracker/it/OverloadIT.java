package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Overload: a stalled server (SIGSTOP) with clients still sending must not make the proxy buffer
 * without bound (it stops reading from those clients), and the proxy recovers when the server
 * resumes. A flood of connections beyond {@code client_connections} is refused cleanly.
 */
class OverloadIT {
    private static final int WRITERS = 8;
    /** What the writers try to push in all, in bytes: far more than the proxy may hold. */
    private static final long OFFERED = 160L << 20;

    @Test
    void stalledServerKeepsProxyMemoryBoundedAndRecovers() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            try (ProxyProcess proxy = ProxyProcess.start(BackendsIT.pool(port, "hash: md5", redis.address() + ":1"))) {
                redis.pause();
                AtomicLong written = new AtomicLong();
                List<Socket> sockets = new ArrayList<>();
                List<Thread> writers = new ArrayList<>();
                byte[] chunk = pipelineOfSets(64, 1024);
                for (int w = 0; w < WRITERS; w++) {
                    Socket s = new Socket("127.0.0.1", port);
                    sockets.add(s);
                    Thread t = new Thread(() -> {
                        try {
                            OutputStream out = s.getOutputStream();
                            while (written.get() < OFFERED) {
                                out.write(chunk); // blocks once the proxy stops reading
                                written.addAndGet(chunk.length);
                            }
                        } catch (Exception closed) {
                            // the socket is closed at the end of the test
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                    writers.add(t);
                }
                long peak = 0;
                for (int i = 0; i < 30; i++) { // 3 s of pressure
                    Thread.sleep(100);
                    peak = Math.max(peak, proxyMemory());
                }
                System.out.printf("overload: clients wrote %d MB, proxy buffers peaked at %d MB%n",
                        written.get() >> 20, peak >> 20);
                assertThat(written.get()).as("the proxy stopped reading: writers are blocked").isLessThan(OFFERED);
                assertThat(peak).as("proxy buffer memory and heap, bytes").isLessThan(96L << 20);
                redis.resume();
                for (Socket s : sockets) {
                    s.close();
                }
                for (Thread t : writers) {
                    t.join(10_000);
                }
                try (RespClient c = new RespClient("127.0.0.1", port)) {
                    assertThat(c.call("SET", "after", "ok")).isEqualTo("+OK\r\n");
                    assertThat(c.call("GET", "after")).isEqualTo("$2\r\nok\r\n");
                }
            }
        }
    }

    @Test
    void connectionFloodBeyondTheLimitIsRefusedCleanly() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            try (ProxyProcess proxy = ProxyProcess.start(BackendsIT.pool(port, "client_connections: 50",
                    redis.address() + ":1"))) {
                List<RespClient> flood = new ArrayList<>();
                int refused = 0;
                try {
                    for (int i = 0; i < 500; i++) {
                        flood.add(new RespClient("127.0.0.1", port));
                    }
                    Thread.sleep(1000); // let every refusal arrive; accepted clients are told nothing
                    for (RespClient c : flood) {
                        if (c.available() > 0) {
                            assertThat(c.readReply()).isEqualTo("-ERR max number of clients reached\r\n");
                            assertThat(c.isClosedByPeer()).isTrue();
                            refused++;
                        }
                    }
                } finally {
                    for (RespClient c : flood) {
                        c.close();
                    }
                }
                assertThat(refused).isEqualTo(450);
                Thread.sleep(300);
                try (RespClient c = new RespClient("127.0.0.1", port)) {
                    assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
                }
            }
        }
    }

    /**
     * Buffer memory held by the proxy (it runs in this JVM): Netty's direct memory counter plus heap
     * in use after a GC. The test's own writers allocate nothing per write.
     */
    private static long proxyMemory() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long direct = Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
        return direct + PooledByteBufAllocator.DEFAULT.metric().usedHeapMemory() + rt.totalMemory() - rt.freeMemory();
    }

    private static byte[] pipelineOfSets(int count, int valueSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String value = "x".repeat(valueSize);
        for (int i = 0; i < count; i++) {
            out.writeBytes(RespClient.encode("SET", "over:" + i, value));
        }
        return out.toByteArray();
    }
}
