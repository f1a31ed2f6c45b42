package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code conf_add_server} parsing from the right; each expectation was checked on nutcracker. */
class ServerParserTest {
    private static final String FORMAT = "has an invalid \"hostname:port:weight [name]\"or"
            + " \"/path/unix_socket:weight [name]\" format string";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // entry                | name                | host          | port  | weight
        "127.0.0.1:6379:1        | 127.0.0.1:6379      | 127.0.0.1     | 6379  | 1",
        "127.0.0.1:6379:10 web   | web                 | 127.0.0.1     | 6379  | 10",
        "::1:6379:2              | ::1:6379            | ::1           | 6379  | 2",
        "h:11211:1               | h                   | h             | 11211 | 1",
        "h:06379:1               | h:06379             | h             | 6379  | 1",
        ":6379:1                 | :6379               | ''            | 6379  | 1",
        "h:4294973675:1          | h:4294973675        | h             | 6379  | 1",
        "h:1:1 a:b               | a:b                 | h             | 1     | 1",
    })
    void tcpEntries(String entry, String name, String host, int port, int weight) throws Exception {
        ServerConfig s = ServerParser.parse(entry, 7);

        assertThat(s.name()).isEqualTo(name);
        assertThat(s.host()).isEqualTo(host);
        assertThat(s.port()).isEqualTo(port); // 4294973675 wraps to 6379 in nutcracker's int
        assertThat(s.weight()).isEqualTo(weight);
        assertThat(s.unixPath()).isNull();
        assertThat(s.line()).isEqualTo(7);
    }

    @Test
    void unixEntry() throws Exception {
        assertThat(ServerParser.parse("/tmp/r.sock:2 r1", 3))
                .isEqualTo(new ServerConfig("/tmp/r.sock:2", "r1", null, 0, "/tmp/r.sock", 2, 3));
    }

    @Test
    void quotedTrailingSpaceGivesAnEmptyName() throws Exception {
        // "h:1:1 " has a name, and it is empty; two such entries collide on '' in nutcracker
        ServerConfig s = ServerParser.parse("h:1:1 ", 1);

        assertThat(s.name()).isEmpty();
        assertThat(s.pname()).isEqualTo("h:1:1 ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:16379     | " + FORMAT,
        "6379                | " + FORMAT,
        "/tmp/a:b.sock:1     | " + FORMAT, // a unix path must hold no ':'
        "/tmp/my sock:1      | " + FORMAT,
        "h:1:0               | has a zero weight in \"hostname:port:weight [name]\" format string",
        "h:0:0               | has a zero weight in \"hostname:port:weight [name]\" format string",
        "h:1:                | has an invalid weight in \"hostname:port:weight [name]\" format string",
        "h:1:-1              | has an invalid weight in \"hostname:port:weight [name]\" format string",
        "'h:1:1  a'          | has an invalid weight in \"hostname:port:weight [name]\" format string",
        "h::1                | has an invalid port in \"hostname:port:weight [name]\" format string",
        "h:0:1               | has an invalid port in \"hostname:port:weight [name]\" format string",
        "h:65536:1           | has an invalid port in \"hostname:port:weight [name]\" format string",
    })
    void rejected(String entry, String reason) {
        assertThatThrownBy(() -> ServerParser.parse(entry, 1))
                .isInstanceOf(InvalidValue.class).hasMessage(reason);
    }
}
