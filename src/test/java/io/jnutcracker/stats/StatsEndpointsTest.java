package io.jnutcracker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connection bound and the deadline of the stats port and the Prometheus endpoint. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatsEndpointsTest {
    private static final String HOST = "127.0.0.1";
    /** Longer than any test: only the connection bound can close a connection early. */
    private static final long NEVER_MILLIS = 600_000;

    @Test
    void aPrometheusConnectionPastTheBoundIsClosedAndTheSlotComesBackWhenOneCloses() throws Exception {
        try (StatsEndpoints endpoints = new StatsEndpoints()) {
            PrometheusServer server = PrometheusServer.start(endpoints, HOST, 0, MetricSnapshots::new,
                    new StatsEndpoints.Limits(2, NEVER_MILLIS));
            try (Socket first = new Socket(HOST, server.port()); Socket second = new Socket(HOST, server.port());
                 Socket third = new Socket(HOST, server.port())) {
                assertThat(closedByPeer(third)).isTrue();
                first.close();
                // Until the proxy has seen the close, a new connection is still past the bound.
                String reply = "";
                while (!reply.startsWith("HTTP/1.1 200 OK")) {
                    reply = request(server.port(), "GET /metrics HTTP/1.0\r\n\r\n");
                }
                assertThat(reply).contains("content-type: text/plain; version=0.0.4");
            }
        }
    }

    @Test
    void aHalfSentRequestIsClosedAtTheDeadline() throws Exception {
        try (StatsEndpoints endpoints = new StatsEndpoints()) {
            PrometheusServer server = PrometheusServer.start(endpoints, HOST, 0, MetricSnapshots::new,
                    new StatsEndpoints.Limits(2, 200));
            try (Socket s = new Socket(HOST, server.port())) {
                s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(closedByPeer(s)).isTrue();
            }
        }
    }

    @Test
    void keepAliveServesSeveralScrapesOnOneConnection() throws Exception {
        try (StatsEndpoints endpoints = new StatsEndpoints()) {
            PrometheusServer server = PrometheusServer.start(endpoints, HOST, 0, MetricSnapshots::new);
            try (Socket s = new Socket(HOST, server.port())) {
                for (int i = 0; i < 3; i++) {
                    s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(readHeaders(s.getInputStream())).startsWith("HTTP/1.1 200 OK").contains("content-length: 0");
                }
                s.getOutputStream().write("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readHeaders(s.getInputStream())).startsWith("HTTP/1.1 404 Not Found");
            }
        }
    }

    @Test
    void theStatsPortSendsTheDocumentWhateverTheClientSendsAndBoundsItsClients() throws Exception {
        try (StatsEndpoints endpoints = new StatsEndpoints()) {
            byte[] doc = "{\"service\":\"nutcracker\"}\n".getBytes(StandardCharsets.UTF_8);
            StatsServer server = StatsServer.start(endpoints, HOST, 0, () -> doc, new StatsEndpoints.Limits(1, NEVER_MILLIS));
            try (Socket held = new Socket(HOST, server.port())) {
                held.getOutputStream().write("half a li".getBytes(StandardCharsets.US_ASCII));
                assertThat(held.getInputStream().readNBytes(doc.length)).isEqualTo(doc);
                assertThat(held.getInputStream().read()).isEqualTo(-1); // our side shut down after the document
                try (Socket past = new Socket(HOST, server.port())) {
                    assertThat(past.getInputStream().readAllBytes()).isEmpty(); // past the bound of 1
                }
            }
            String again = "";
            while (again.isEmpty()) { // once the proxy has seen the close of the first
                again = request(server.port(), "");
            }
            assertThat(again.getBytes(StandardCharsets.UTF_8)).isEqualTo(doc);
        }
    }

    private static String request(int port, String text) throws IOException {
        try (Socket s = new Socket(HOST, port)) {
            s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketException reset) {
            return "";
        }
    }

    /** The status line and headers of one response, lower-cased names as Netty writes them. */
    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + b);
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static boolean closedByPeer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }
}
