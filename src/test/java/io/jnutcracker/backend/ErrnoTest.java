package io.jnutcracker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Failures become nutcracker's strerror texts, whatever words Netty or the JDK used. */
class ErrnoTest {
    @Test
    void mapsCausesToStrerrorTexts() {
        assertThat(Errno.of(new ConnectException("Connection refused: /127.0.0.1:1"))).isEqualTo("Connection refused");
        assertThat(Errno.of(new UnknownHostException("no.such"))).isEqualTo("Host is down");
        assertThat(Errno.of(new ConnectTimeoutException("connection timed out"))).isEqualTo("Connection timed out");
        assertThat(Errno.of(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")))
                .isEqualTo("Connection reset by peer");
        assertThat(Errno.of(new IOException("sendAddress(..) failed with error(-32): Broken pipe")))
                .isEqualTo("Broken pipe");
        assertThat(Errno.of(new IOException("wrapped", new ConnectException("x")))).isEqualTo("Connection refused");
    }
}
