package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * YAML-level rules beyond REFERENCE §1.5's table, each checked against nutcracker 0.5.0 (libyaml
 * 0.2.5): the error class libyaml reports, the token refused, the structure rule, and where libyaml
 * takes tabs as white space.
 */
class YamlRulesTest {
    @TempDir
    Path dir;

    record Case(String name, String yaml, String message, int line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> rejected() {
        return Stream.of(
                new Case("%YAML directive", """
                        %YAML 1.1
                        ---
                        p:
                          listen: 127.0.0.1:22121
                        """, "version directive token (3) is disallowed", 1),
                new Case("%TAG directive", """
                        %TAG !e! tag:e.com,2000:
                        ---
                        p: x
                        """, "tag directive token (4) is disallowed", 1),
                new Case("%YAML 1.3 is not for libyaml", """
                        %YAML 1.3
                        ---
                        p: x
                        """, "failed (err 4) to get the next yaml document", 1),
                new Case("reserved directive", """
                        %FOO bar
                        ---
                        p: x
                        """, "failed (err 3) to get the next yaml document", 1),
                new Case("document end", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        ...
                        """, "document end token (6) is disallowed", 5),
                new Case("tag", """
                        p:
                          listen: 127.0.0.1:22121
                          hash: !!str md5
                        """, "tag token (20) is disallowed", 3),
                new Case("tag before anchor: first in file order", """
                        p:
                          listen: 127.0.0.1:22121
                          hash: !!str &a md5
                        """, "tag token (20) is disallowed", 3),
                new Case("flow mapping", """
                        p: {listen: 127.0.0.1:22121}
                        """, "flow mapping start token (12) is disallowed", 1),
                new Case("undefined alias", """
                        p:
                          listen: 127.0.0.1:22121
                          hash: *a
                        """, "failed (err 5) to get the next yaml document", 3),
                new Case("duplicate anchor", """
                        p:
                          listen: &a 127.0.0.1:22121
                          hash: &a md5
                        """, "failed (err 5) to get the next yaml document", 3),
                new Case("bad indentation", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                          - x
                        """, "failed (err 4) to get the next yaml document", 5),
                new Case("unterminated quote", """
                        p:
                          listen: "127.0.0.1:22121
                        """, "failed (err 3) to get the next yaml document", 3),
                new Case("control character", "p:\n  listen: 127.0.0.1:22121\u0001\n",
                        "failed (err 2) to get the next yaml document", 2),
                new Case("tab after a dash", "p:\n  listen: 127.0.0.1:22121\n  servers:\n   -\t127.0.0.1:6379:1\n",
                        "failed (err 3) to get the next yaml document", 4),
                new Case("tab left of the indentation after an entry",
                        "p:\n  listen: 127.0.0.1:22121\n  servers:\n   - 127.0.0.1:6379:1\n   \t\n",
                        "failed (err 3) to get the next yaml document", 5),
                new Case("tab line after a comment",
                        "p:\n  listen: 127.0.0.1:22121 # c\n   \t\n  servers:\n   - 127.0.0.1:6379:1\n",
                        "failed (err 3) to get the next yaml document", 3),
                new Case("scalar as a pool", """
                        p: x
                        """, "'%f' has invalid mapping \"key:\" at depth 1", 1),
                new Case("sequence as a pool", """
                        p:
                         - x
                        """, "'%f' has sequence at depth 1 instead of 2", 2),
                new Case("mapping in a sequence", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                           - host: h
                        """, "'%f' has a depth greater than 2", 5),
                new Case("sequence under another key only", """
                        p:
                          listen:
                           - 127.0.0.1:22121
                        """, "pool 'p' has no servers", 1),
                new Case("second listen in a sequence", """
                        p:
                          listen:
                           - 127.0.0.1:22121
                           - 127.0.0.1:22122
                          servers: 127.0.0.1:6379:1
                        """, "directive \"listen\" is a duplicate", 4),
                new Case("empty pool name", """
                        "":
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        """, "'%f' has an empty pool name", 1),
                new Case("empty key", """
                        p:
                          listen: 127.0.0.1:22121
                          "": x
                          servers:
                           - 127.0.0.1:6379:1
                        """, "pool 'p' has an empty directive name", 3),
                new Case("empty server entry", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                           -
                        """, "directive \"servers\" has an empty value", 5),
                new Case("quoted empty value", """
                        p:
                          listen: 127.0.0.1:22121
                          redis_auth: ""
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"redis_auth\" has an empty value", 3),
                new Case("first fault in file order wins", """
                        p:
                          listen: 127.0.0.1:22121
                          hash: sha1
                          servers:
                           - 127.0.0.1:6379:0
                          foo: bar
                        """, "directive \"hash\" is not a valid hash", 3),
                new Case("pool checks before duplicate listens", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        q:
                          listen: 127.0.0.1:22121
                          redis_auth: x
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"redis_auth:\" is only valid for a redis pool", 7),
                new Case("duplicate listens name the first two in file order", """
                        c:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        a:
                          listen: 127.0.0.1:22122
                          servers:
                           - 127.0.0.1:6379:1
                        b:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        """, "pools 'c' and 'b' have the same listen address '127.0.0.1:22121'", 10),
                new Case("multi-line plain value", """
                        p:
                          listen: 127.0.0.1:22121
                          hash: fnv1a
                           _64
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"hash\" is not a valid hash", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedLikeNutcracker(Case c) {
        Path file = ConfigFiles.write(dir, c.yaml());

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.getMessage()).isEqualTo(c.message().replace("%f", file.toString()));
        assertThat(e.line()).as("line").isEqualTo(c.line());
    }

    @Test
    void invalidUtf8IsAReaderErrorOnItsLine() throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.write(file, "p:\n  listen: 127.0.0.1:22121\n  hash: md5\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(e.getMessage()).isEqualTo("failed (err 2) to get the next yaml document");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void directoryIsAReaderError() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(dir));

        assertThat(e.getMessage()).isEqualTo("failed (err 2) to get the next yaml document");
    }

    @Test
    void bomCrlfAndTabsLibyamlSkipsAreAccepted() throws Exception {
        Path file = dir.resolve("ok.yml");
        String yaml = "\uFEFFp:\t\r\n"
                + "  listen:\t127.0.0.1:22121\r\n"
                + "  redis: true\r\n"
                + "   \t\r\n" // blank line after a plain scalar, tab right of the indentation
                + "  redis_auth: \"x\"\t# quoted, then a tab\r\n"
                + "  servers:\r\n"
                + "   - 127.0.0.1:6379:1\r\n"
                + "    \t\r\n";
        Files.writeString(file, yaml, StandardCharsets.UTF_8);

        PoolConfig p = ConfigLoader.load(file).pools().get(0);

        assertThat(p.name()).isEqualTo("p");
        assertThat(p.redisAuth()).isEqualTo("x");
        assertThat(p.servers()).extracting(ServerConfig::name).containsExactly("127.0.0.1:6379");
    }

    @Test
    void tabInAContinuationLineJoinsThePlainScalar() throws Exception {
        // [run] libyaml folds "abc\n   \tdef" into "abc def"
        PoolConfig p = ConfigFiles.load(dir, "p:\n  listen: 127.0.0.1:22121\n  redis: true\n"
                + "  redis_auth: abc\n   \tdef\n  servers:\n   - 127.0.0.1:6379:1\n").pools().get(0);

        assertThat(p.redisAuth()).isEqualTo("abc def");
    }
}
