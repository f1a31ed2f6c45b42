package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostLookupTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "1", "127.1", "10.1.2", "2130706433", "0x7f.0.0.1",
        "0X7F.1", "0177.0.0.1", "0", "255.255.255.255", "1.2.65535", "1.16777215"})
    void inetAtonLiterals(String host) {
        assertThat(HostLookup.isInetAtonLiteral(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "08.1.1.1", "256.1.1.1", "1.2.3.4.5", "1.2.3.4.", ".1", "0x", "1..2",
        "127.0.0.1 ", "4294967296", "1.2.65536", "a.b.c.d", "1.2.3.256"})
    void notInetAtonLiterals(String host) {
        assertThat(HostLookup.isInetAtonLiteral(host)).isFalse();
    }

    @Test
    void resolvesLikeGetaddrinfo() throws Exception {
        HostLookup.resolve("localhost", 1);
        HostLookup.resolve("::1", 1);
        HostLookup.resolve("::", 1);
        for (String bad : new String[] {"", "[::1]", ":", "08.1.1.1"}) {
            assertThatThrownBy(() -> HostLookup.resolve(bad, 22121)).isInstanceOf(UnknownHostException.class)
                    .hasMessage("address resolution of node '" + bad + "' service '22121' failed:"
                            + " Name or service not known");
        }
    }
}
