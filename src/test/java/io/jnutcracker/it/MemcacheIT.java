package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * memcached pools against real memcached processes: every command through a one-server pool
 * answered exactly as a second memcached answers it directly; multi-key gets over three servers
 * (misses, duplicates, request order); 1000 pipelined commands in one write; a 1 MB value and one
 * over memcached's item limit; the error lines where nutcracker closes; spymemcached through the proxy.
 */
class MemcacheIT {
    private static final String HOST = "127.0.0.1";
    private static MemcachedProcess direct;
    private static MemcachedProcess solo;
    private static final MemcachedProcess[] trio = new MemcachedProcess[3];
    private static ProxyProcess proxy;
    private static int soloPort;
    private static int trioPort;
    private static final MemcachedProcess[] duo = new MemcachedProcess[2];
    private static int duoPort;

    @BeforeAll
    static void start() throws Exception {
        direct = MemcachedProcess.start(HOST, "-I", "2m");
        solo = MemcachedProcess.start(HOST, "-I", "2m");
        for (int i = 0; i < 3; i++) {
            trio[i] = MemcachedProcess.start(HOST, "-I", "2m");
        }
        duo[0] = MemcachedProcess.start(HOST);
        duo[1] = MemcachedProcess.start(HOST);
        duoPort = RedisServerProcess.freePort(HOST);
        soloPort = RedisServerProcess.freePort(HOST);
        trioPort = RedisServerProcess.freePort(HOST);
        proxy = ProxyProcess.start("""
                solo:
                  listen: %s:%d
                  redis_db: 3
                  servers:
                   - %s:1
                trio:
                  listen: %s:%d
                  hash: md5
                  distribution: ketama
                  servers:
                   - %s:1 one
                   - %s:1 two
                   - %s:1 three
                duo:
                  listen: %s:%d
                  timeout: 2000
                  servers:
                   - %s:1 left
                   - %s:1 right
                """.formatted(HOST, soloPort, solo.address(), HOST, trioPort, trio[0].address(), trio[1].address(),
                trio[2].address(), HOST, duoPort, duo[0].address(), duo[1].address()));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        direct.close();
        solo.close();
        for (MemcachedProcess m : trio) {
            m.close();
        }
        for (MemcachedProcess m : duo) {
            m.close();
        }
    }

    /** One request per entry; a noreply request expects no reply. */
    private static final String[] SCRIPT = {
        "set a 5 0 3\r\nabc\r\n", "get a\r\n", "gets a\r\n", "add a 0 0 1\r\nx\r\n", "add b 0 0 1\r\nx\r\n",
        "replace a 0 0 2\r\nxy\r\n", "replace nosuch 0 0 1\r\nx\r\n", "append a 0 0 2\r\nzz\r\n",
        "prepend a 0 0 2\r\n00\r\n", "get a b nosuch a\r\n", "gets a b\r\n", "cas a 0 0 1 999\r\nq\r\n",
        "cas nosuch 0 0 1 1\r\nq\r\n", "set n 0 0 2\r\n10\r\n", "incr n 5\r\n", "decr n 20\r\n", "incr a 1\r\n",
        "incr n x\r\n", "touch a 100\r\n", "touch nosuch 1\r\n", "delete b\r\n", "delete b\r\n", "version\r\n",
        "set c 0 0 6\r\na\r\nb\0\u00ff\r\n", "get c\r\n", "set v 0 0 1 noreply\r\nz\r\n", "delete nosuch noreply\r\n",
        "incr n 1 noreply\r\n", "get v n\r\n", "GET a\r\n", "get\r\n", "set k 0 0 2\r\nabcd\r\n", "get " + "k".repeat(250) + "\r\n",
    };

    private static List<String> play(int port) throws Exception {
        List<String> replies = new ArrayList<>();
        try (McText c = McText.connect(HOST, port)) {
            for (String request : SCRIPT) {
                c.send(request);
                if (!request.contains(" noreply\r\n")) {
                    replies.add(c.reply());
                }
            }
            c.send("set k 0 0 2\r\nabcd\r\n"); // bad data chunk: memcached reads 4 bytes, then an empty line
            replies.add(c.reply());
            replies.add(c.reply());
            replies.add(c.call("get a\r\n"));
        }
        return replies;
    }

    @Test
    void everyCommandThroughTheProxyIsAnsweredAsMemcachedAnswersIt() throws Exception {
        List<String> expected = play(direct.port());
        assertThat(expected).contains("STORED\r\n", "NOT_STORED\r\n", "EXISTS\r\n", "NOT_FOUND\r\n", "TOUCHED\r\n",
                "DELETED\r\n", "15\r\n", "0\r\n", "ERROR\r\n", "CLIENT_ERROR bad data chunk\r\n",
                "VALUE c 0 6\r\na\r\nb\0\u00ff\r\nEND\r\n", "VALUE v 0 1\r\nz\r\nVALUE n 0 2\r\n1 \r\nEND\r\n"); // decr pads with spaces
        assertThat(play(soloPort)).containsExactlyElementsOf(expected);
    }

    @Test
    void whereNutcrackerClosesTheProxyAnswersMemcachedsLineAndKeepsTheConnection() throws Exception {
        try (McText c = McText.connect(HOST, soloPort)) {
            assertThat(c.call("flush_all\r\n")).isEqualTo("ERROR\r\n");
            assertThat(c.call("stats\r\n")).isEqualTo("ERROR\r\n");
            assertThat(c.call("get " + "k".repeat(251) + "\r\n")).isEqualTo("CLIENT_ERROR bad command line format\r\n");
            assertThat(c.call("set " + "k".repeat(251) + " 0 0 1\r\nx\r\n")).isEqualTo("CLIENT_ERROR bad command line format\r\n");
            assertThat(c.call("set k 0 0 -1\r\n")).isEqualTo("CLIENT_ERROR bad command line format\r\n");
            assertThat(c.call("set ok 0 0 2\r\nhi\r\n")).isEqualTo("STORED\r\n");
            assertThat(c.call("quit\r\n")).isEmpty();
        } catch (java.io.IOException eofAfterQuit) {
            assertThat(eofAfterQuit.getMessage()).startsWith("EOF");
        }
    }

    @Test
    void multiGetsOverThreeServersComeBackInRequestOrderWithOneEnd() throws Exception {
        Map<String, String> values = new HashMap<>();
        try (McText c = McText.connect(HOST, trioPort)) {
            for (int i = 0; i < 60; i++) {
                String value = "value-" + i + "\r\n" + "x".repeat(i);
                values.put("m" + i, value);
                assertThat(c.call("set m" + i + " " + i + " 0 " + value.length() + "\r\n" + value + "\r\n")).isEqualTo("STORED\r\n");
            }
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                keys.add("m" + i);
                keys.add("miss" + i);
                if (i % 5 == 0) {
                    keys.add("m" + i); // duplicates get their value each time, as memcached does
                }
            }
            StringBuilder want = new StringBuilder();
            for (String key : keys) {
                String value = values.get(key);
                if (value != null) {
                    want.append("VALUE ").append(key).append(' ').append(key.substring(1)).append(' ')
                            .append(value.length()).append("\r\n").append(value).append("\r\n");
                }
            }
            want.append("END\r\n");
            assertThat(c.call("get " + String.join(" ", keys) + "\r\n")).isEqualTo(want.toString());
            assertThat(c.call("get miss1 miss2 miss3\r\n")).isEqualTo("END\r\n");
        }
        for (MemcachedProcess server : trio) { // the keys really are spread over the three
            try (McText c = McText.connect(HOST, server.port())) {
                String all = c.call("get " + String.join(" ", values.keySet()) + "\r\n");
                assertThat(all).as("server %s holds some keys", server.address()).startsWith("VALUE ");
            }
        }
    }

    @Test
    void thousandPipelinedMixedCommandsInOneWriteAnswerInOrder() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String key = "p" + (i / 4);
            String value = "v" + (i / 4);
            String request;
            switch (i % 4) {
                case 0 -> {
                    request = "set " + key + " 0 0 " + value.length() + "\r\n" + value + "\r\n";
                    expected.add("STORED\r\n");
                }
                case 1 -> {
                    request = "get " + key + " nope " + key + "\r\n";
                    String block = "VALUE " + key + " 0 " + value.length() + "\r\n" + value + "\r\n";
                    expected.add(block + block + "END\r\n");
                }
                case 2 -> {
                    request = "set q" + i + " 0 0 1 noreply\r\nq\r\nincr " + key + " 1\r\n";
                    expected.add("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
                }
                default -> {
                    request = "delete " + key + "\r\n";
                    expected.add("DELETED\r\n");
                }
            }
            stream.write(request.getBytes(StandardCharsets.ISO_8859_1));
        }
        try (McText c = McText.connect(HOST, trioPort)) {
            c.send(stream.toByteArray());
            List<String> got = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                got.add(c.reply());
            }
            assertThat(got).containsExactlyElementsOf(expected);
            assertThat(c.call("get q2 q998\r\n")).isEqualTo("VALUE q2 0 1\r\nq\r\nVALUE q998 0 1\r\nq\r\nEND\r\n");
        }
    }

    @Test
    void aOneMegabyteValueGoesThroughAndOneOverTheItemLimitGetsMemcachedsError() throws Exception {
        byte[] big = new byte[1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >>> 8)); // every byte value, CR and LF included
        }
        String value = new String(big, StandardCharsets.ISO_8859_1);
        try (McText c = McText.connect(HOST, trioPort)) {
            assertThat(c.call("set big 0 0 " + big.length + "\r\n" + value + "\r\n")).isEqualTo("STORED\r\n");
            assertThat(c.call("get big\r\n")).isEqualTo("VALUE big 0 " + big.length + "\r\n" + value + "\r\nEND\r\n");
            String huge = "h".repeat(3 * 1024 * 1024); // over -I 2m
            assertThat(c.call("set huge 0 0 " + huge.length() + "\r\n" + huge + "\r\n"))
                    .isEqualTo("SERVER_ERROR object too large for cache\r\n");
            assertThat(c.call("get huge big\r\n")).startsWith("VALUE big 0 " + big.length + "\r\n").endsWith("\r\nEND\r\n");
        }
    }

    @Test
    void spymemcachedSetsGetsBulkCasAndIncrThroughTheProxy() throws Exception {
        MemcachedClient client = new MemcachedClient(new InetSocketAddress(HOST, trioPort));
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(client.set("spy" + i, 0, "value" + i).get()).isTrue();
            }
            assertThat(client.get("spy3")).isEqualTo("value3");
            Map<String, Object> bulk = client.getBulk("spy1", "nope", "spy7", "spy19");
            assertThat(bulk).containsOnly(Map.entry("spy1", "value1"), Map.entry("spy7", "value7"),
                    Map.entry("spy19", "value19"));
            CASValue<Object> cas = client.gets("spy5");
            assertThat(client.cas("spy5", cas.getCas(), "changed")).isEqualTo(CASResponse.OK);
            assertThat(client.cas("spy5", cas.getCas(), "again")).isEqualTo(CASResponse.EXISTS);
            assertThat(client.get("spy5")).isEqualTo("changed");
            assertThat(client.incr("counter", 5, 10)).isEqualTo(10);
            assertThat(client.incr("counter", 5)).isEqualTo(15);
            assertThat(client.delete("spy3").get()).isTrue();
            assertThat(client.get("spy3")).isNull();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aDeadServerGetsServerErrorItsKeysReadAsMissesInAMultiGetAndItComesBack() throws Exception {
        try (McText c = McText.connect(HOST, duoPort)) {
            List<String> onLeft = new ArrayList<>();
            List<String> onRight = new ArrayList<>();
            for (int i = 0; onLeft.isEmpty() || onRight.isEmpty(); i++) {
                assertThat(c.call("set d" + i + " 0 0 1\r\nd\r\n")).isEqualTo("STORED\r\n");
                try (McText left = McText.connect(HOST, duo[0].port())) {
                    (left.call("get d" + i + "\r\n").startsWith("VALUE") ? onLeft : onRight).add("d" + i);
                }
            }
            String l = onLeft.get(0);
            String r = onRight.get(0);
            duo[0].kill();
            // The close is seen first or the connect is refused: either way memcached's error line, in order.
            assertThat(c.call("get " + l + "\r\n")).startsWith("SERVER_ERROR ");
            assertThat(c.call("get " + l + "\r\n")).isEqualTo("SERVER_ERROR Connection refused\r\n");
            assertThat(c.call("get " + l + " " + r + " " + l + "\r\n")).isEqualTo("VALUE " + r + " 0 1\r\nd\r\nEND\r\n");
            assertThat(c.call("set " + r + " 0 0 1\r\ne\r\n")).isEqualTo("STORED\r\n");
            duo[0].restart();
            assertThat(c.call("set " + l + " 0 0 1\r\nb\r\n")).isEqualTo("STORED\r\n");
            assertThat(c.call("get " + l + " " + r + "\r\n"))
                    .isEqualTo("VALUE " + l + " 0 1\r\nb\r\nVALUE " + r + " 0 1\r\ne\r\nEND\r\n");
        }
    }
}
