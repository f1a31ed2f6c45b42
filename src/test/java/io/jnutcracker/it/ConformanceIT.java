package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command conformance suite: every case of {@code conformance/commands.txt} (one table, its
 * format in its header) run directly against a redis-server and through a 2-server pool on fresh
 * servers, the replies compared (a few normalised, as each case says), and the cases whose keys span
 * the pool's servers answered {@code -CROSSSLOT}.
 */
class ConformanceIT {
    private static final String CROSSSLOT = "-CROSSSLOT Keys in request don't hash to the same server\r\n";

    @Test
    void everyCaseAnswersThroughThePoolAsRedisDoes() throws Exception {
        List<ConformanceCase> cases = ConformanceCase.parse(read("/conformance/commands.txt"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(250);
        try (RedisServerProcess direct = RedisServerProcess.start("127.0.0.1");
             RedisServerProcess alpha = RedisServerProcess.start("127.0.0.1");
             RedisServerProcess beta = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            try (ProxyProcess proxy = ProxyProcess.start("""
                    two:
                      listen: 127.0.0.1:%d
                      redis: true
                      hash_tag: "{}"
                      servers:
                       - %s:1 alpha
                       - %s:1 beta
                    """.formatted(port, alpha.address(), beta.address()));
                 RespClient viaDirect = new RespClient("127.0.0.1", direct.port());
                 RespClient viaPool = new RespClient("127.0.0.1", port)) {
                String[] spanning = keysOnEachServer(viaPool, alpha);
                List<String> mismatches = new ArrayList<>();
                for (ConformanceCase c : cases) {
                    String[] args = c.args(spanning[0], spanning[1]);
                    String expected = c.normalise(viaDirect.call(args));
                    String actual = c.normalise(viaPool.call(args));
                    if (c.cross()) {
                        expected = CROSSSLOT;
                    }
                    if (!expected.equals(actual)) {
                        mismatches.add("line " + c.line() + ": " + String.join(" ", args) + "\n  redis: "
                                + expected.replace("\r\n", "\\r\\n") + "\n  proxy: " + actual.replace("\r\n", "\\r\\n"));
                    }
                }
                assertThat(mismatches).as("cases answered differently through the pool").isEmpty();
            }
        }
    }

    /** Two keys the pool places on different servers: one on {@code alpha}, one not, found by asking alpha. */
    private static String[] keysOnEachServer(RespClient pool, RedisServerProcess alpha) throws IOException {
        String onAlpha = null;
        String onBeta = null;
        try (RespClient a = new RespClient("127.0.0.1", alpha.port())) {
            for (int i = 0; i < 100 && (onAlpha == null || onBeta == null); i++) {
                String key = "span" + i;
                assertThat(pool.call("SET", key, "probe")).isEqualTo("+OK\r\n");
                if (a.call("EXISTS", key).equals(":1\r\n")) {
                    onAlpha = onAlpha == null ? key : onAlpha;
                } else {
                    onBeta = onBeta == null ? key : onBeta;
                }
                assertThat(pool.call("DEL", key)).isEqualTo(":1\r\n");
            }
        }
        assertThat(onAlpha).isNotNull();
        assertThat(onBeta).isNotNull();
        return new String[] {onAlpha, onBeta};
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ConformanceIT.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
