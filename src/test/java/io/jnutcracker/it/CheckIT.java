package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jnutcracker.cli.ProxyCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code jnutcracker check} against real replication on the seed's two hosts, 127.0.99.11 (detail01)
 * and 127.0.99.12 (detail02), with the seed's pools (fnv1a_64, ketama, members named redis01 and
 * redis02, so placement does not depend on the free ports used).
 *
 * <pre>
 *   .11: m1, m2 masters; a1 (of m1), a2 (of m2), x1 (of m1)      .12: b1 (of m1), b2 (of m2)
 *   as written: detail01 reads redis01 = a1, redis02 = x1 (of m1: wrong)
 *               detail02 reads redis01 = a2 (of m2, on .11: wrong), redis02 = b2
 *   intended:   detail01 reads a1, a2; detail02 reads b1, b2
 * </pre>
 */
class CheckIT {
    static final String H1 = "127.0.99.11";
    static final String H2 = "127.0.99.12";

    private static Replication redis;
    private static RedisServerProcess m1;
    private static RedisServerProcess m2;
    private static RedisServerProcess a1;
    private static RedisServerProcess a2;
    private static RedisServerProcess x1;
    private static RedisServerProcess b1;
    private static RedisServerProcess b2;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        redis = new Replication();
        m1 = redis.master(H1);
        m2 = redis.master(H1);
        a1 = redis.replica(H1, m1);
        a2 = redis.replica(H1, m2);
        x1 = redis.replica(H1, m1);
        b1 = redis.replica(H2, m1);
        b2 = redis.replica(H2, m2);
        redis.awaitLinksUp();
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    /** detail01's file as the seed writes it (1-space read pool): the master pool, then the read pool. */
    static String detail01(RedisServerProcess read01, RedisServerProcess read02) {
        return """
                # eshop-detail01, on loopback
                redis-master:
                  listen: %s:1111
                  hash: fnv1a_64
                  distribution: ketama
                  redis: true
                  servers:
                   - %s:1 redis01
                   - %s:1 redis02

                redis-slave:
                 listen: %s:1112
                 hash: fnv1a_64
                 distribution: ketama
                 redis: true
                 servers:
                  - %s:1 redis01
                  - %s:1 redis02
                """.formatted(H1, m1.address(), m2.address(), H1, read01.address(), read02.address());
    }

    static String detail02(RedisServerProcess read01, RedisServerProcess read02) {
        return """
                # eshop-detail02, on loopback
                redis-slave:
                 listen: %s:1112
                 hash: fnv1a_64
                 distribution: ketama
                 redis: true
                 servers:
                  - %s:1 redis01
                  - %s:1 redis02
                """.formatted(H2, read01.address(), read02.address());
    }

    record Run(int exit, String out, String err) {
    }

    static Run check(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ProxyCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("check"));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void seedAsWrittenFlagsExactlyTheTwoWrongMembersWithTheFix() throws Exception {
        Path d1 = write("detail01.yml", detail01(a1, x1));
        Path d2 = write("detail02.yml", detail02(a2, b2));
        Run r = check("-c", d1.toString(), "-c", d2.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("Problems: 2 lines to change")
                .contains(d1 + ":18: - " + x1.address() + ":1 redis02 → use a replica of redis02's master "
                        + m2.address())
                .contains("redis-slave's redis02 (" + x1.address() + ") replicates " + m1.address()
                        + " (redis-master's redis01), not redis-master's redis02 (" + m2.address() + ")")
                // a2 replicates m2 and is on detail01's host
                .contains("    replace with: - " + a2.address() + ":1 redis02")
                .contains(d2 + ":8: - " + a2.address() + ":1 redis01 → use a replica of redis01's master "
                        + m1.address())
                .contains("is on 127.0.99.11, not on this proxy's host 127.0.99.12")
                // b1 replicates m1 and is on detail02's host
                .contains("    replace with: - " + b1.address() + ":1 redis01")
                .contains("PROBLEMS: 2 lines to change; predicted misses: ");
        // no other line is named
        assertThat(r.out().lines().filter(l -> l.matches("^/.*\\.yml:\\d+: .*"))).hasSize(2);
    }

    @Test
    void seedAsWrittenPredictsRoughlyHalfTheKeysMissingInEachDataCentre() throws Exception {
        Path d1 = write("detail01.yml", detail01(a1, x1));
        Path d2 = write("detail02.yml", detail02(a2, b2));
        Run r = check("-c", d1.toString(), "-c", d2.toString(), "--json");

        assertThat(r.exit()).isEqualTo(1);
        Map<String, Object> json = Json.parse(r.out());
        assertThat(json.get("ok")).isEqualTo(false);
        List<String> where = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (Object o : (List<?>) json.get("problems")) {
            Map<?, ?> p = (Map<?, ?>) o;
            where.add(p.get("file") + ":" + p.get("line"));
            kinds.add((String) p.get("kind"));
        }
        assertThat(where).containsExactly(d1 + ":18", d2 + ":8", d2 + ":8");
        assertThat(kinds).containsExactly("mis-paired", "mis-paired", "not-local");
        double share01 = readPoolShare(json, d1);
        double share02 = readPoolShare(json, d2);
        assertThat(share01).isBetween(0.35, 0.65);
        assertThat(share02).isBetween(0.35, 0.65);
        assertThat(share01 + share02).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void intendedLayoutIsAllClear() throws Exception {
        Path d1 = write("detail01.yml", detail01(a1, a2));
        Path d2 = write("detail02.yml", detail02(b1, b2));
        Run r = check("-c", d1.toString(), "-c", d2.toString());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("ALL CLEAR: every read pool lines up with its master pool")
                .doesNotContain("Problems:").doesNotContain("Notes:")
                .contains("redis01  " + b1.address() + "  replica of " + m1.address() + " = redis-master's redis01,"
                        + " link up, lag ")
                .contains("predicted misses: 0.0% of 10000 sample keys");
    }

    @Test
    void hashMismatchBetweenPools() throws Exception {
        Run r = checkIntendedWith(" hash: fnv1a_64\n", " hash: murmur\n");
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).containsPattern(":4: hash: murmur → use the master pool's hash\n")
                .contains("replace with: hash: fnv1a_64").contains("Problems: 1 line to change");
    }

    @Test
    void nameMismatchBetweenPools() throws Exception {
        Run r = checkIntendedWith(b2.address() + ":1 redis02", b2.address() + ":1 redis2");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsPattern(":9: - " + b2.address() + ":1 redis2 → rename it redis02: it replicates"
                + " redis-master's redis02\n").contains("replace with: - " + b2.address() + ":1 redis02")
                .contains("Problems: 1 line to change");
    }

    @Test
    void weightMismatchBetweenPools() throws Exception {
        Run r = checkIntendedWith(b2.address() + ":1 redis02", b2.address() + ":3 redis02");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsPattern(":9: - " + b2.address() + ":3 redis02 → use the master member's weight\n")
                .contains("has weight 3, redis-master's redis02 has 1")
                .contains("replace with: - " + b2.address() + ":1 redis02").contains("Problems: 1 line to change");
    }

    @Test
    void hashTagMismatchBetweenPools() throws Exception {
        Run r = checkIntendedWith(" redis: true\n servers:", " redis: true\n hash_tag: \"{}\"\n servers:");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsPattern(":7: hash_tag: \"\\{}\" → delete this line\n")
                .contains("uses hash_tag \"{}\", redis-master").contains("Problems: 1 line to change");
    }

    /** The intended layout, with one change to detail02's file. */
    private Run checkIntendedWith(String from, String to) throws Exception {
        String text02 = detail02(b1, b2);
        assertThat(text02).contains(from);
        Path d1 = write("detail01.yml", detail01(a1, a2));
        Path d2 = write("detail02.yml", text02.replace(from, to));
        return check("-c", d1.toString(), "-c", d2.toString());
    }

    @Test
    void unreadableConfigCannotBeChecked() throws Exception {
        Path bad = write("bad.yml", "redis-slave:\n listen: 127.0.99.12:1112\n hash: fnv2\n servers:\n  - "
                + b1.address() + ":1 redis01\n");
        Run r = check("-c", bad.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":3: directive \"hash\" is not a valid hash");
    }

    private static double readPoolShare(Map<String, Object> json, Path file) {
        for (Object p : (List<?>) json.get("pools")) {
            Map<?, ?> pool = (Map<?, ?>) p;
            if (pool.get("file").equals(file.toString()) && pool.get("name").equals("redis-slave")) {
                return ((Number) pool.get("predictedMissShare")).doubleValue();
            }
        }
        throw new AssertionError("no read pool of " + file);
    }

    /** JSON to maps and lists with jackson-core's parser (the project has no databind). */
    static final class Json {
        static Map<String, Object> parse(String text) throws IOException {
            try (JsonParser p = new JsonFactory().createParser(text)) {
                p.nextToken();
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) value(p);
                return map;
            }
        }

        private static Object value(JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        m.put(name, value(p));
                    }
                    return m;
                }
                case START_ARRAY -> {
                    List<Object> l = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        l.add(value(p));
                    }
                    return l;
                }
                case VALUE_STRING -> {
                    return p.getText();
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    return p.getNumberValue();
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return p.getBooleanValue();
                }
                case VALUE_NULL -> {
                    return null;
                }
                default -> throw new IOException("unexpected " + t);
            }
        }
    }
}
