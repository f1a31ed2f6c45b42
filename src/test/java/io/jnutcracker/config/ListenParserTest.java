package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code conf_set_listen}; each expectation was checked on nutcracker. */
class ListenParserTest {
    private static final String PERM =
            "has an invalid file permission in \"socket_path permission\" format string";

    @Test
    void tcp() throws Exception {
        assertThat(ListenParser.parse("127.0.0.1:22121"))
                .isEqualTo(new ListenConfig("127.0.0.1:22121", "127.0.0.1", 22121, null, 0));
        assertThat(ListenParser.parse("::1:22121").host()).isEqualTo("::1");
        assertThat(ListenParser.parse("localhost:22121").port()).isEqualTo(22121);
        assertThat(ListenParser.parse("0.0.0.0:65535").port()).isEqualTo(65535);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1:1", "2130706433:1", "0x7f.0.0.1:1", "0177.0.0.1:1"})
    void glibcAddressFormsResolve(String listen) throws Exception {
        assertThat(ListenParser.parse(listen).port()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {":22121", "[::1]:22121", "::22121", "127.0.0.1 :22121", "08.1.1.1:1",
        "256.1.1.1:1", "no.such.host.invalid:22121"})
    void unresolvableHosts(String listen) {
        assertThatThrownBy(() -> ListenParser.parse(listen))
                .isInstanceOf(InvalidValue.class).hasMessage("has an invalid value")
                .hasCauseInstanceOf(java.net.UnknownHostException.class);
    }

    @Test
    void badTcpForms() {
        assertThatThrownBy(() -> ListenParser.parse("127.0.0.1"))
                .hasMessage("has an invalid \"hostname:port\" format string");
        for (String bad : new String[] {"127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1: 1", "127.0.0.1:x",
            "127.0.0.1:"}) {
            assertThatThrownBy(() -> ListenParser.parse(bad))
                    .hasMessage("has an invalid port in \"hostname:port\" format string");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/tmp/x.sock              | /tmp/x.sock  | 0",
        "/tmp/x.sock 0640         | /tmp/x.sock  | 416",
        "/tmp/x.sock 777          | /tmp/x.sock  | 511",
        "/tmp/x.sock +644         | /tmp/x.sock  | 420",
        "/tmp/x.sock 999          | /tmp/x.sock  | 0",
        "/tmp/x.sock 64x          | /tmp/x.sock  | 52",
        "/tmp/x.sock 40000000000  | /tmp/x.sock  | 0",   // 2^32: the (mode_t) cast keeps the low bits
        "'/tmp/x.sock  644'       | '/tmp/x.sock ' | 420", // the last space splits
        "/tmp/a b.sock            | /tmp/a       | 0",
    })
    void unix(String listen, String path, int perm) throws Exception {
        assertThat(ListenParser.parse(listen)).isEqualTo(new ListenConfig(listen, null, 0, path, perm));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tmp/x.sock 1777", "/tmp/x.sock 1000", "/tmp/x.sock -1",
        "/tmp/x.sock 7777777777777777777777"})
    void badPermissions(String listen) {
        assertThatThrownBy(() -> ListenParser.parse(listen)).hasMessage(PERM);
    }

    @Test
    void unixPathMustFitSunPath() throws Exception {
        String fits = "/" + "a".repeat(106); // 107 bytes
        assertThat(ListenParser.parse(fits).unixPath()).isEqualTo(fits);
        assertThatThrownBy(() -> ListenParser.parse(fits + "a")).hasMessage("has an invalid value");
    }
}
