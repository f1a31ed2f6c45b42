package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.util.Clock;
import io.jnutcracker.route.ServerPool;
import io.jnutcracker.stats.PrometheusText;
import io.jnutcracker.stats.StatsDocument;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stats port after real traffic through real redis-servers, checked against what was sent:
 * requests and bytes per server (each fragment of a split MGET included), responses and their bytes,
 * client EOF and protocol errors, a refused server that is ejected, a server that never answers
 * (timeout), one that hangs up (EOF). Field names and order are compared with the document Debian's
 * nutcracker 0.5.0 sent ({@code src/test/resources/stats}). The Prometheus endpoint is scraped and
 * parsed strictly, and agrees with the JSON. Counters are read by polling with a generous deadline,
 * never after a fixed sleep.
 */
class StatsIT {
    private static final String HOST = "127.0.0.1";
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static RedisServerProcess redis1;
    private static RedisServerProcess redis2;
    private static FakeServer silent;
    private static FakeServer hangsUp;
    private static ProxyProcess proxy;
    private static final Map<String, Integer> LISTEN = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        redis1 = RedisServerProcess.start(HOST);
        redis2 = RedisServerProcess.start(HOST);
        // redis-server loads ./dump.rdb when there is one; the counts below need empty servers.
        assertThat(redis1.command("FLUSHALL")).isEqualTo("+OK");
        assertThat(redis2.command("FLUSHALL")).isEqualTo("+OK");
        silent = FakeServer.start(0);
        hangsUp = FakeServer.start(RespClient.encode("GET", "x").length);
        int dead = RedisServerProcess.freePort(HOST);
        for (String pool : List.of("alpha", "beta", "slow", "gone")) {
            LISTEN.put(pool, RedisServerProcess.freePort(HOST));
        }
        // Written in an order that is not nutcracker's sorted one (shorter names first, then bytes).
        proxy = ProxyProcess.startWithStats("""
                alpha:
                  listen: %s:%d
                  redis: true
                  hash: fnv1a_64
                  distribution: ketama
                  servers:
                   - %s:1 a2
                   - %s:1 a1
                slow:
                  listen: %s:%d
                  redis: true
                  timeout: 300
                  servers:
                   - %s:%d:1 s1
                gone:
                  listen: %s:%d
                  redis: true
                  servers:
                   - %s:%d:1 g1
                beta:
                  listen: %s:%d
                  redis: true
                  auto_eject_hosts: true
                  server_failure_limit: 1
                  server_retry_timeout: 600000
                  servers:
                   - %s:1 b1
                   - %s:%d:1 bdead
                """.formatted(HOST, LISTEN.get("alpha"), redis2.address(), redis1.address(),
                HOST, LISTEN.get("slow"), HOST, silent.port(),
                HOST, LISTEN.get("gone"), HOST, hangsUp.port(),
                HOST, LISTEN.get("beta"), redis1.address(), HOST, dead), 20, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {silent, hangsUp, redis1, redis2}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void countersMatchTheTrafficAndTheLayoutIsNutcrackers() throws Exception {
        // ---- alpha: SET, GET, a MGET split over both servers, then a clean close ----
        List<String> mgetKeys = List.of("k1", "k2", "k3", "k4", "k5", "k6", "hello", "foo", "bar");
        Map<String, Long> requests = new LinkedHashMap<>();
        Map<String, Long> requestBytes = new LinkedHashMap<>();
        Map<String, Long> responseBytes = new LinkedHashMap<>();
        ServerPool alpha = placer("alpha");
        try (RespClient c = new RespClient(HOST, LISTEN.get("alpha"))) {
            assertThat(c.call("SET", "k1", "v1")).isEqualTo("+OK\r\n");
            count(requests, requestBytes, owner(alpha, "k1"), RespClient.encode("SET", "k1", "v1").length);
            responseBytes.merge(owner(alpha, "k1"), 5L, Long::sum);
            assertThat(c.call("GET", "k1")).isEqualTo("$2\r\nv1\r\n");
            count(requests, requestBytes, owner(alpha, "k1"), RespClient.encode("GET", "k1").length);
            responseBytes.merge(owner(alpha, "k1"), 8L, Long::sum);
            List<String> args = new ArrayList<>(List.of("MGET"));
            args.addAll(mgetKeys);
            assertThat(c.call(args.toArray(String[]::new))).startsWith("*9\r\n$2\r\nv1\r\n$-1\r\n");
        }
        // Each server gets one fragment: "mget" (nutcracker's lower case) and its keys, in order.
        Map<String, List<String>> fragments = new LinkedHashMap<>();
        for (String k : mgetKeys) {
            fragments.computeIfAbsent(owner(alpha, k), s -> new ArrayList<>(List.of("mget"))).add(k);
        }
        assertThat(fragments).as("the MGET must span both servers").hasSize(2);
        fragments.forEach((server, frag) -> {
            count(requests, requestBytes, server, RespClient.encode(frag.toArray(String[]::new)).length);
            long reply = ("*" + (frag.size() - 1) + "\r\n").length();
            for (String k : frag.subList(1, frag.size())) {
                reply += k.equals("k1") ? 8 : 5;
            }
            responseBytes.merge(server, reply, Long::sum);
        });
        try (Socket bad = new Socket(HOST, LISTEN.get("alpha"))) {
            bad.setSoTimeout(10_000);
            bad.getOutputStream().write("*1\r\n$abc\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = new String(bad.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("-ERR Protocol error");
        }

        // ---- beta: one key on the live server, one on the dead one: refused, ejected ----
        ServerPool beta = placer("beta");
        String liveKey = keyOn(beta, "b1");
        String deadKey = keyOn(beta, "bdead");
        try (RespClient c = new RespClient(HOST, LISTEN.get("beta"))) {
            assertThat(c.call("GET", liveKey)).isEqualTo("$-1\r\n");
            assertThat(c.call("GET", deadKey)).isEqualTo("-ERR Connection refused\r\n");
        }
        long ejectedAfter = System.currentTimeMillis() * 1000 - 60_000_000L;

        // ---- slow: never answered, timed out; gone: the server hangs up ----
        try (RespClient c = new RespClient(HOST, LISTEN.get("slow"))) {
            assertThat(c.call("GET", "x")).isEqualTo("-ERR Connection timed out\r\n");
        }
        try (RespClient c = new RespClient(HOST, LISTEN.get("gone"))) {
            assertThat(c.call("GET", "x")).isEqualTo("-ERR Connection closed by server\r\n");
        }

        // ---- what the stats port says, once every client close has been counted ----
        StatsDocument doc = awaitStats(d -> d.poolValue("alpha", "client_eof") == 1
                && d.poolValue("alpha", "client_err") == 1 && d.poolValue("beta", "client_eof") == 1
                && d.poolValue("slow", "client_eof") == 1 && d.poolValue("gone", "client_eof") == 1
                && d.serverValue("gone", "g1", "server_eof") == 1
                && d.serverValue("slow", "s1", "server_timedout") == 1
                && d.serverValue("alpha", "a1", "responses") + d.serverValue("alpha", "a2", "responses") == 4);

        StatsDocument nc = StatsDocument.recorded();
        // nutcracker's header in its order, then only the table's jnutcracker-only top-level fields
        assertThat(doc.headerNames()).isEqualTo(StatsDocument.expectedHeaderNames());
        assertThat(doc.headerNames().subList(0, nc.headerNames().size())).isEqualTo(nc.headerNames());
        assertThat(doc.poolNames()).containsExactly("beta", "gone", "slow", "alpha"); // nutcracker's order
        for (String pool : doc.poolNames()) {
            assertThat(doc.poolMetricNames(pool)).isEqualTo(nc.poolMetricNames("alpha"));
            for (String server : doc.serverNames(pool)) {
                assertThat(List.copyOf(doc.server(pool, server).keySet()))
                        .isEqualTo(List.copyOf(nc.server("alpha", "a1").keySet()));
            }
        }
        assertThat(doc.serverNames("alpha")).containsExactly("a1", "a2");
        assertThat(doc.serverNames("beta")).containsExactly("b1", "bdead");
        assertThat(doc.top).containsEntry("service", "nutcracker").containsEntry("version", "0.5.0");
        // no reload, no jn_verify_interval: our process-level fields are all zero or empty
        assertThat(doc.top).containsEntry("reloads", 0L).containsEntry("reload_failures", 0L)
                .containsEntry("last_reload", 0L).containsEntry("last_reload_error", "")
                .containsEntry("topology_interval", 0L).containsEntry("topology_checks", 0L)
                .containsEntry("topology_problems", 0L);
        assertThat(doc.text).endsWith("}}}\n").doesNotContain("latency").doesNotContain("commands");

        for (String server : List.of("a1", "a2")) {
            assertThat(doc.serverValue("alpha", server, "requests")).as(server).isEqualTo(requests.get(server));
            assertThat(doc.serverValue("alpha", server, "request_bytes")).as(server).isEqualTo(requestBytes.get(server));
            assertThat(doc.serverValue("alpha", server, "responses")).as(server).isEqualTo(requests.get(server));
            assertThat(doc.serverValue("alpha", server, "response_bytes")).as(server)
                    .isEqualTo(responseBytes.get(server));
            assertThat(doc.serverValue("alpha", server, "out_queue")).isZero();
            assertThat(doc.serverValue("alpha", server, "in_queue_bytes")).isZero();
            assertThat(doc.serverValue("alpha", server, "server_connections")).isBetween(1L, 2L); // one per loop
        }
        // tools/stats/record.py sent nutcracker the same alpha traffic: the same counts come out.
        for (String server : List.of("a1", "a2")) {
            for (String metric : List.of("requests", "request_bytes", "responses", "response_bytes")) {
                assertThat(doc.serverValue("alpha", server, metric)).as(server + " " + metric)
                        .isEqualTo(nc.serverValue("alpha", server, metric));
            }
        }
        assertThat(doc.poolValue("alpha", "fragments")).isEqualTo(2);
        assertThat(doc.poolValue("alpha", "forward_error")).isZero();
        assertThat(doc.poolValue("alpha", "client_connections")).isZero();

        long getBytes = RespClient.encode("GET", liveKey).length;
        assertThat(doc.serverValue("beta", "b1", "requests")).isEqualTo(1);
        assertThat(doc.serverValue("beta", "b1", "request_bytes")).isEqualTo(getBytes);
        assertThat(doc.serverValue("beta", "b1", "response_bytes")).isEqualTo(5);
        assertThat(doc.serverValue("beta", "bdead", "requests")).isEqualTo(1);
        assertThat(doc.serverValue("beta", "bdead", "request_bytes")).isEqualTo(RespClient.encode("GET", deadKey).length);
        assertThat(doc.serverValue("beta", "bdead", "responses")).isZero();
        assertThat(doc.serverValue("beta", "bdead", "server_err")).isEqualTo(1);
        assertThat(doc.serverValue("beta", "bdead", "server_connections")).isZero();
        assertThat(doc.serverValue("beta", "bdead", "server_ejected_at")).isGreaterThan(ejectedAfter);
        assertThat(doc.serverValue("beta", "b1", "server_ejected_at")).isZero();
        assertThat(doc.poolValue("beta", "server_ejects")).isEqualTo(1);
        assertThat(doc.poolValue("beta", "forward_error")).isEqualTo(1);

        assertThat(doc.serverValue("slow", "s1", "server_timedout")).isEqualTo(1);
        assertThat(doc.serverValue("slow", "s1", "server_err")).isZero();
        assertThat(doc.poolValue("slow", "forward_error")).isEqualTo(1);
        assertThat(doc.poolValue("slow", "server_ejects")).isZero();
        assertThat(doc.serverValue("gone", "g1", "server_eof")).isEqualTo(1);
        assertThat(doc.serverValue("gone", "g1", "requests")).isEqualTo(1);
        assertThat(doc.poolValue("gone", "forward_error")).isEqualTo(1);

        // listeners are counted, as nutcracker counts its proxy connections
        assertThat(doc.topValue("curr_connections")).isGreaterThanOrEqualTo(4);
        assertThat(doc.topValue("total_connections")).isGreaterThanOrEqualTo(4 + 6 + 5);

        // ---- the same numbers on the Prometheus endpoint, plus what nutcracker lacks ----
        PrometheusText prom = PrometheusText.parse(scrape());
        for (String server : List.of("a1", "a2")) {
            String[] labels = {"pool", "alpha", "server", server};
            double sent = requests.get(server);
            assertThat(prom.value("nutcracker_requests_total", labels)).isEqualTo(sent);
            assertThat(prom.value("nutcracker_request_bytes_total", labels)).isEqualTo((double) requestBytes.get(server));
            assertThat(prom.value("nutcracker_response_bytes_total", labels)).isEqualTo((double) responseBytes.get(server));
            assertThat(prom.value("nutcracker_server_latency_seconds_count", labels)).isEqualTo(sent);
            double p50 = prom.value("nutcracker_server_latency_seconds", "pool", "alpha", "server", server,
                    "quantile", "0.5");
            double p999 = prom.value("nutcracker_server_latency_seconds", "pool", "alpha", "server", server,
                    "quantile", "0.999");
            assertThat(p50).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(p999);
            assertThat(p999).isLessThan(30);
        }
        assertThat(prom.value("nutcracker_server_ejects_total", "pool", "beta")).isEqualTo(1);
        assertThat(prom.value("nutcracker_server_timedout_total", "pool", "slow", "server", "s1")).isEqualTo(1);
        assertThat(prom.value("nutcracker_fragments_total", "pool", "alpha")).isEqualTo(2);
        assertThat(prom.value("nutcracker_commands_total", "command", "mget", "pool", "alpha")).isEqualTo(1);
        assertThat(prom.value("nutcracker_commands_total", "command", "set", "pool", "alpha")).isEqualTo(1);
        assertThat(prom.value("nutcracker_server_ejected_timestamp_seconds", "pool", "beta", "server", "bdead"))
                .isCloseTo(doc.serverValue("beta", "bdead", "server_ejected_at") / 1e6, within(0.001));
    }

    private static void count(Map<String, Long> requests, Map<String, Long> bytes, String server, long n) {
        requests.merge(server, 1L, Long::sum);
        bytes.merge(server, n, Long::sum);
    }

    private static ServerPool placer(String pool) throws Exception {
        PoolConfig pc = ConfigLoader.load(proxy.config()).pool(pool).orElseThrow();
        return new ServerPool(pc, Clock.SYSTEM);
    }

    private static String owner(ServerPool pool, String key) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        return pool.server(pool.serverFor(Unpooled.wrappedBuffer(b), 0, b.length)).name();
    }

    private static String keyOn(ServerPool pool, String server) {
        for (int i = 0; i < 10_000; i++) {
            if (owner(pool, "key" + i).equals(server)) {
                return "key" + i;
            }
        }
        throw new AssertionError("no key on " + server);
    }

    interface Check {
        boolean ok(StatsDocument doc);
    }

    /** Reads the stats port until {@code check} holds (the stats lag by up to one -i interval). */
    private static StatsDocument awaitStats(Check check) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        StatsDocument doc = proxy.statsDocument();
        while (!check.ok(doc)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stats never reached the expected values: " + doc.text);
            }
            Thread.sleep(20);
            doc = proxy.statsDocument();
        }
        return doc;
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.stats().prometheusPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return r.body();
    }

    /**
     * A server that accepts and never answers, or hangs up (FIN) once it has read a request of
     * {@code hangUpAfter} bytes: what a stuck or a crashing backend looks like to the proxy.
     */
    static final class FakeServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> clients = new CopyOnWriteArrayList<>();

        private FakeServer(ServerSocket socket, int hangUpAfter) {
            this.socket = socket;
            Thread t = new Thread(() -> serve(hangUpAfter), "fake-server");
            t.setDaemon(true);
            t.start();
        }

        /** {@code hangUpAfter} 0: never answer, never close. */
        static FakeServer start(int hangUpAfter) throws IOException {
            return new FakeServer(new ServerSocket(0, 50, InetAddress.getByName(HOST)), hangUpAfter);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(int hangUpAfter) {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    clients.add(c);
                    if (hangUpAfter > 0) {
                        // Read the whole request first: closing with unread bytes would be a reset.
                        c.getInputStream().readNBytes(hangUpAfter);
                        c.close();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket c : clients) {
                c.close();
            }
        }
    }
}
