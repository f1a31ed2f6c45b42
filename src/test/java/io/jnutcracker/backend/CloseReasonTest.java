package io.jnutcracker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.stats.Metric;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Failures become nutcracker's strerror texts, whatever words Netty or the JDK used; nothing else leaks. */
class CloseReasonTest {
    @Test
    void mapsCausesToStrerrorTexts() {
        assertThat(CloseReason.of(new ConnectException("Connection refused: /127.0.0.1:1")))
                .isEqualTo(CloseReason.REFUSED);
        assertThat(CloseReason.of(new UnknownHostException("no.such"))).isEqualTo(CloseReason.HOST_DOWN);
        assertThat(CloseReason.of(new ConnectTimeoutException("connection timed out")))
                .isEqualTo(CloseReason.TIMED_OUT);
        assertThat(CloseReason.of(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")))
                .isEqualTo(CloseReason.RESET);
        assertThat(CloseReason.of(new IOException("sendAddress(..) failed with error(-32): Broken pipe")))
                .isEqualTo(CloseReason.BROKEN_PIPE);
        assertThat(CloseReason.of(new IOException("wrapped", new ConnectException("x")))).isEqualTo(CloseReason.REFUSED);
    }

    @Test
    void tlsFailuresSayWhetherTheCertificateWasRefused() {
        var untrusted = new io.netty.handler.codec.DecoderException(new javax.net.ssl.SSLHandshakeException(
                "General OpenSslEngine problem"));
        untrusted.getCause().initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
        assertThat(CloseReason.of(untrusted)).isEqualTo(CloseReason.TLS_CERTIFICATE);
        assertThat(CloseReason.TLS_CERTIFICATE.text()).isEqualTo("TLS handshake failed: server certificate not trusted");
        assertThat(CloseReason.of(new javax.net.ssl.SSLHandshakeException("no cipher suites in common")))
                .isEqualTo(CloseReason.TLS_HANDSHAKE);
        assertThat(CloseReason.of(new io.netty.handler.ssl.NotSslRecordException("not an SSL/TLS record")))
                .isEqualTo(CloseReason.TLS_HANDSHAKE);
        assertThat(CloseReason.TLS_HANDSHAKE.metric()).isEqualTo(Metric.SERVER_ERR);
    }

    @Test
    void jvmTroubleNeverBecomesTheText() {
        CloseReason r = CloseReason.of(new OutOfMemoryError("Cannot reserve 150994944 bytes of direct buffer memory"));
        assertThat(r).isEqualTo(CloseReason.IO_ERROR);
        assertThat(r.text()).isEqualTo("Input/output error");
    }

    @Test
    void eachReasonCountsInNutcrackersCloseStat() {
        assertThat(CloseReason.CLOSED.metric()).isEqualTo(Metric.SERVER_EOF);
        assertThat(CloseReason.TIMED_OUT.metric()).isEqualTo(Metric.SERVER_TIMEDOUT);
        assertThat(CloseReason.REFUSED.metric()).isEqualTo(Metric.SERVER_ERR);
    }
}
