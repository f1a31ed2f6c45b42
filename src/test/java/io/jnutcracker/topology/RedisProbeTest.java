package io.jnutcracker.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The probe over real loopback sockets against a scripted server (a thread that reads the request,
 * then writes its reply in pieces with pauses): split TCP reads, the one deadline, and the
 * probe's own thread. Real redis-server behaviour (AUTH, unix sockets) is in RedisProbeIT.
 */
class RedisProbeTest {
    private static final String INFO = "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n"
            + "master_replid:" + "a".repeat(40) + "\r\nmaster_repl_offset:0\r\n";
    private static final String INFO_REPLY = "$" + INFO.length() + "\r\n" + INFO + "\r\n";

    private final RedisProbe probe = new RedisProbe(500);
    private final List<Thread> servers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        probe.close();
        for (Thread t : servers) {
            t.interrupt();
            t.join(2000);
        }
    }

    /** A one-connection server that answers with {@code pieces}, {@code pauseMs} apart, then holds on. */
    private Endpoint scripted(long pauseMs, String... pieces) throws IOException {
        ServerSocket listen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (listen; Socket s = listen.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                in.read(); // the request has arrived; its content is ProbeHandlerTest's business
                for (String p : pieces) {
                    Thread.sleep(pauseMs);
                    out.write(p.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                Thread.sleep(5000); // then silent, until the test ends
            } catch (IOException | InterruptedException done) {
                // test over
            }
        });
        t.start();
        servers.add(t);
        return Endpoint.tcp("127.0.0.1", listen.getLocalPort());
    }

    @Test
    void aReplyTrickledAcrossManyReadsIsReadWhole() throws Exception {
        List<String> pieces = new ArrayList<>();
        for (int at = 0; at < INFO_REPLY.length(); at += 7) {
            pieces.add(INFO_REPLY.substring(at, Math.min(INFO_REPLY.length(), at + 7)));
        }

        ReplicationInfo info = probe.replication(scripted(2, pieces.toArray(String[]::new)), null);

        assertThat(info.role()).isEqualTo("master");
        assertThat(info.replid()).isEqualTo("a".repeat(40));
    }

    @Test
    void aServerThatStopsHalfWayIsCutOffAtTheDeadline() throws Exception {
        Endpoint e = scripted(0, INFO_REPLY.substring(0, 30));
        long start = System.nanoTime();

        assertThatThrownBy(() -> probe.replication(e, null)).isInstanceOf(IOException.class)
                .hasMessage("timed out (reply)");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 1500L);
    }

    @Test
    void theDeadlineCoversAllRepliesNotEachRead() throws Exception {
        // each piece comes well within the deadline; together they come after it
        Endpoint e = scripted(150, "+OK\r\n", INFO_REPLY.substring(0, 10), INFO_REPLY.substring(10, 20),
                INFO_REPLY.substring(20, 30), INFO_REPLY.substring(30));

        assertThatThrownBy(() -> probe.replication(e, "pw")).hasMessage("timed out (reply)");
    }

    @Test
    void aServerThatNeverAcceptsIsCutOffWhileConnecting() throws Exception {
        // A listener that never accepts, its queue filled: Linux then drops further SYNs, so a
        // connect hangs as it does to a dead host (loopback only; no other address is a target here).
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                while (queued.size() < 16) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        queued.add(s);
                    } catch (IOException hung) {
                        s.close();
                        break;
                    }
                }
                assertThat(queued).as("the accept queue filled").hasSizeLessThan(16);
                Endpoint e = Endpoint.tcp("127.0.0.1", full.getLocalPort());

                assertThatThrownBy(() -> probe.replication(e, null)).hasMessage("timed out (connect)");
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void anErrorToInfoIsTheReason() throws Exception {
        assertThatThrownBy(() -> probe.replication(scripted(0, "-ERR unknown command 'INFO'\r\n"), null))
                .isInstanceOf(IOException.class).hasMessage("ERR unknown command 'INFO'");
        assertThatThrownBy(() -> probe.replication(scripted(0, "*0\r\n"), null))
                .hasMessage("not a redis INFO reply");
        assertThatThrownBy(() -> probe.replication(scripted(0, "HTTP/1.1 400\r\n"), null))
                .hasMessage("protocol error: unknown reply type byte 0x48");
    }

    @Test
    void closeStopsTheProbesThreadAndLaterQuestionsFail() throws Exception {
        Set<Thread> before = probeThreads();
        probe.replication(scripted(0, INFO_REPLY), null);
        Set<Thread> started = probeThreads();
        started.removeAll(before); // other tests' probes may still be winding down
        assertThat(started).as("the first question starts one thread").hasSize(1);

        probe.close();

        Thread t = started.iterator().next();
        t.join(2000); // it may still be on its way out when the group reports terminated
        assertThat(t.isAlive()).isFalse();
        assertThatThrownBy(() -> probe.replication(Endpoint.tcp("127.0.0.1", 1), null)).hasMessage("probe closed");
    }

    private static Set<Thread> probeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("jn-probe"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
