package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of REFERENCE.md §1.5 (nutcracker 0.5.0's log line for each bad input, seen on the real
 * binary), asserting the message, the line and the key we add. {@code %f} stands for the file path,
 * which nutcracker prints as given.
 */
class ErrorTableTest {
    @TempDir
    Path dir;

    record Case(String name, String yaml, String message, int line, String key) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> table() {
        return Stream.of(
                new Case("unknown key", """
                        p:
                          listen: 127.0.0.1:22121
                          foo: bar
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"foo\" is unknown", 3, "foo"),
                new Case("unknown hash", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                          hash: sha1
                        """, "directive \"hash\" is not a valid hash", 5, "hash"),
                new Case("unknown distribution", """
                        p:
                          listen: 127.0.0.1:22121
                          distribution: rendezvous
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"distribution\" is not a valid distribution", 3, "distribution"),
                new Case("one-character hash_tag", """
                        p:
                          listen: 127.0.0.1:22121
                          hash_tag: "{"
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"hash_tag\" is not a valid hash tag string with two characters", 3,
                        "hash_tag"),
                new Case("redis: yes", """
                        p:
                          listen: 127.0.0.1:22121
                          redis: yes
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"redis\" is not \"true\" or \"false\"", 3, "redis"),
                new Case("redis: True (case-sensitive)", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                          redis: True
                        """, "directive \"redis\" is not \"true\" or \"false\"", 5, "redis"),
                new Case("timeout: -1", """
                        p:
                          listen: 127.0.0.1:22121
                          timeout: -1
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"timeout\" is not a number", 3, "timeout"),
                new Case("timeout: 1.5", """
                        p:
                          listen: 127.0.0.1:22121
                          timeout: 1.5
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"timeout\" is not a number", 3, "timeout"),
                new Case("redis_db: -3", """
                        p:
                          listen: 127.0.0.1:22121
                          redis: true
                          redis_db: -3
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"redis_db\" is not a number", 4, "redis_db"),
                new Case("key given twice", """
                        p:
                          listen: 127.0.0.1:22121
                          timeout: 100
                          servers:
                           - 127.0.0.1:6379:1
                          timeout: 200
                        """, "directive \"timeout\" is a duplicate", 6, "timeout"),
                new Case("no listen", """
                        p:
                          hash: md5
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"listen:\" is missing", 1, "listen"),
                new Case("listen without port", """
                        p:
                          listen: 127.0.0.1
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"listen\" has an invalid \"hostname:port\" format string", 2, "listen"),
                new Case("listen port 0", """
                        p:
                          listen: 127.0.0.1:0
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"listen\" has an invalid port in \"hostname:port\" format string", 2,
                        "listen"),
                new Case("unresolvable listen", """
                        p:
                          servers:
                           - 127.0.0.1:6379:1
                          listen: no.such.host.invalid:22121
                        """, "directive \"listen\" has an invalid value", 4, "listen"),
                new Case("listen perm above 0777", """
                        p:
                          listen: /tmp/x.sock 1777
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"listen\" has an invalid file permission in \"socket_path permission\""
                        + " format string", 2, "listen"),
                new Case("server without weight", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                           - 127.0.0.1:16379
                        """, "directive \"servers\" has an invalid \"hostname:port:weight [name]\"or"
                        + " \"/path/unix_socket:weight [name]\" format string", 5, "servers"),
                new Case("weight 0", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:0
                        """, "directive \"servers\" has a zero weight in \"hostname:port:weight [name]\""
                        + " format string", 4, "servers"),
                new Case("weight x", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:x
                        """, "directive \"servers\" has an invalid weight in \"hostname:port:weight [name]\""
                        + " format string", 4, "servers"),
                new Case("name with a space", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1 a b
                        """, "directive \"servers\" has an invalid weight in \"hostname:port:weight [name]\""
                        + " format string", 4, "servers"),
                new Case("port 70000", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:70000:1
                        """, "directive \"servers\" has an invalid port in \"hostname:port:weight [name]\""
                        + " format string", 4, "servers"),
                new Case("duplicate server", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:16379:1
                           - 127.0.0.1:6379:1
                           - 127.0.0.1:16379:2
                        """, "pool 'p' has servers with same name '127.0.0.1:16379'", 6, "servers"),
                new Case("duplicate server name", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1 a
                           - 127.0.0.2:6379:1 a
                        """, "pool 'p' has servers with same name 'a'", 5, "servers"),
                new Case("server_connections: 0", """
                        p:
                          listen: 127.0.0.1:22121
                          server_connections: 0
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"server_connections:\" cannot be 0", 3, "server_connections"),
                new Case("redis_auth without redis", """
                        p:
                          listen: 127.0.0.1:22121
                          redis_auth: secret
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"redis_auth:\" is only valid for a redis pool", 3, "redis_auth"),
                new Case("empty servers", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                        """, "'%f' missing sequence directive at depth 2", 1, "servers"),
                new Case("no servers", """
                        p:
                          listen: 127.0.0.1:22121
                        q:
                          listen: 127.0.0.1:22122
                          servers:
                           - 127.0.0.1:6379:1
                        """, "'%f' missing sequence directive at depth 2", 1, "servers"),
                new Case("two sequences (sentinels)", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                          sentinels:
                           - 127.0.0.1:26379:1
                        """, "'%f' has more than one sequence directive", 5, "sentinels"),
                new Case("nested mapping in a pool", """
                        p:
                          listen: 127.0.0.1:22121
                          hash:
                            name: md5
                          servers:
                           - 127.0.0.1:6379:1
                        """, "'%f' has a depth greater than 2", 3, "hash"),
                new Case("top-level sequence", """
                        - p
                        - q
                        """, "'%f' has sequence at depth 0 instead of 2", 1, null),
                new Case("top-level scalar", """
                        just a scalar
                        """, "'%f' has invalid empty \"key:\" at depth 0", 1, null),
                new Case("empty file", "", "'%f' must contain only 1 document; found 0 documents", 0, null),
                new Case("comments only", """
                        # nothing
                          # here
                        """, "'%f' must contain only 1 document; found 0 documents", 0, null),
                new Case("two documents", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        ---
                        q:
                          listen: 127.0.0.1:22122
                          servers:
                           - 127.0.0.1:6379:1
                        """, "'%f' must contain only 1 document; found 2 documents", 5, null),
                new Case("leading ---", """
                        ---
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        """, "document start token (5) is disallowed", 1, null),
                new Case("flow sequence", """
                        p:
                          listen: 127.0.0.1:22121
                          servers: [127.0.0.1:6379:1, 127.0.0.1:6380:1]
                        """, "flow sequence start token (10) is disallowed", 3, null),
                new Case("anchor", """
                        p:
                          listen: &a 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        """, "anchor token (19) is disallowed", 2, null),
                new Case("tab indentation", """
                        p:
                          listen: 127.0.0.1:22121
                        \tservers:
                           - 127.0.0.1:6379:1
                        """, "failed (err 3) to get the next yaml document", 3, null),
                new Case("duplicate listen", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        q:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        """, "pools 'p' and 'q' have the same listen address '127.0.0.1:22121'", 6, "listen"),
                new Case("duplicate pool name", """
                        p:
                          listen: 127.0.0.1:22121
                          servers:
                           - 127.0.0.1:6379:1
                        p:
                          listen: 127.0.0.1:22122
                          servers:
                           - 127.0.0.1:6379:1
                        """, "'%f' has pools with same name p'", 5, null),
                new Case("empty value (nutcracker logs nothing)", """
                        p:
                          listen: 127.0.0.1:22121
                          hash:
                          servers:
                           - 127.0.0.1:6379:1
                        """, "directive \"hash\" has an empty value", 3, "hash"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void failsLikeNutcracker(Case c) {
        Path file = ConfigFiles.write(dir, c.yaml());

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.getMessage()).isEqualTo(c.message().replace("%f", file.toString()));
        assertThat(e.line()).as("line").isEqualTo(c.line());
        assertThat(e.key()).as("key").isEqualTo(c.key());
        assertThat(e.file()).isEqualTo(file);
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nonexistent.yml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(e.getMessage())
                .isEqualTo("failed to open configuration '" + file + "': No such file or directory");
        assertThat(e.line()).isZero();
    }

    @Test
    void describeRendersFileLineAndMessage() {
        Path file = ConfigFiles.write(dir, "x.yml", """
                p:
                  listen: 127.0.0.1:22121
                  hash: sha1
                  servers:
                   - 127.0.0.1:6379:1
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(e.describe()).isEqualTo(file + ":3: directive \"hash\" is not a valid hash");
    }
}
