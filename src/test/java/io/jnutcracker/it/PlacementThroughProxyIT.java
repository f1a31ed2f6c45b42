package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Placement through the running proxy, not only the library: for every fixture recorded from
 * nutcracker 0.5.0 with named servers (names decide placement, so addresses can be remapped to
 * test servers), keys written through jnutcracker must land on the server nutcracker chose.
 */
class PlacementThroughProxyIT {
    private static final Pattern SERVER = Pattern.compile("(?m)^(\\s+- )(\\S+):(\\d+):(\\d+)( \\S+)$");
    private static final int KEYS = 400;
    private static final List<RedisServerProcess> servers = new ArrayList<>();
    private static List<byte[]> keys;

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i < 5; i++) {
            servers.add(RedisServerProcess.start("127.0.0.1"));
        }
        keys = new ArrayList<>();
        for (String line : resource("keys.hex").split("\n")) {
            byte[] key = line.equals("-") ? new byte[0] : HexFormat.of().parseHex(line.trim());
            if (key.length > 0 && key.length < 2048 && keys.size() < KEYS) {
                keys.add(key);
            }
        }
    }

    @AfterAll
    static void stop() {
        servers.forEach(RedisServerProcess::close);
    }

    static Stream<String> namedFixtures() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String hash : List.of("one_at_a_time", "md5", "crc16", "crc32", "crc32a", "fnv1_64", "fnv1a_64",
                "fnv1_32", "fnv1a_32", "hsieh", "murmur", "jenkins")) {
            for (String dist : List.of("ketama", "modula")) {
                ids.add(hash + "-" + dist + "-named");
            }
        }
        return ids.stream();
    }

    @ParameterizedTest
    @MethodSource("namedFixtures")
    void keysWrittenThroughTheProxyLandWhereNutcrackerPutThem(String id) throws Exception {
        String yml = resource(id + ".yml");
        String[] expected = resource(id + ".placement").split("\n", -1);
        List<String> keyHex = List.of(resource("keys.hex").split("\n"));
        // Remap every server to a test redis-server, keeping its name and weight.
        List<String> names = new ArrayList<>();
        Matcher m = SERVER.matcher(yml);
        StringBuilder remapped = new StringBuilder();
        while (m.find()) {
            RedisServerProcess target = servers.get(names.size());
            names.add(m.group(5).trim());
            m.appendReplacement(remapped, Matcher.quoteReplacement(
                    m.group(1) + target.address() + ":" + m.group(4) + m.group(5)));
        }
        m.appendTail(remapped);
        int port = RedisServerProcess.freePort("127.0.0.1");
        String config = remapped.toString().replaceAll("listen: \\S+", "listen: 127.0.0.1:" + port);
        for (RedisServerProcess s : servers) {
            assertThat(s.command("FLUSHALL")).isEqualTo("+OK");
        }
        try (ProxyProcess proxy = ProxyProcess.start(config); Socket socket = new Socket("127.0.0.1", port)) {
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (byte[] key : keys) {
                pipeline.writeBytes(encodeSet(key));
            }
            socket.getOutputStream().write(pipeline.toByteArray());
            InputStream in = socket.getInputStream();
            byte[] ok = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(in.readNBytes(ok.length)).as("reply %d", i).isEqualTo(ok);
            }
        }
        String[] holders = holders(names);
        int mismatches = 0;
        StringBuilder report = new StringBuilder();
        for (int k = 0; k < keys.size(); k++) {
            String hex = HexFormat.of().formatHex(keys.get(k));
            String want = expected[keyHex.indexOf(hex)];
            if (!want.equals(holders[k])) {
                mismatches++;
                if (mismatches <= 5) {
                    report.append(hex).append(": nutcracker ").append(want).append(", jnutcracker ")
                            .append(holders[k]).append('\n');
                }
            }
        }
        assertThat(mismatches).as("misplaced keys in %s:\n%s", id, report).isZero();
    }

    /** For each key, the name of the server holding it (names joined by '+' if several). */
    private static String[] holders(List<String> names) throws IOException {
        String[] found = new String[keys.size()];
        for (int i = 0; i < names.size(); i++) {
            try (RespClient c = new RespClient("127.0.0.1", servers.get(i).port())) {
                ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
                for (byte[] key : keys) {
                    pipeline.writeBytes(encode("EXISTS".getBytes(StandardCharsets.US_ASCII), key));
                }
                c.send(pipeline.toByteArray());
                for (int k = 0; k < keys.size(); k++) {
                    if (c.readReply().equals(":1\r\n")) {
                        found[k] = found[k] == null ? names.get(i) : found[k] + "+" + names.get(i);
                    }
                }
            }
        }
        return found;
    }

    private static byte[] encodeSet(byte[] key) {
        return encode("SET".getBytes(StandardCharsets.US_ASCII), key, "v".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] encode(byte[]... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(a);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PlacementThroughProxyIT.class.getResourceAsStream("/placement/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
