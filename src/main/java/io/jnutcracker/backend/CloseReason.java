package io.jnutcracker.backend;

import io.jnutcracker.stats.Metric;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Why a server connection closed, with the text clients get after {@code -ERR} (nutcracker's
 * {@code msg_get_error}: glibc {@code strerror(errno)}) and the stat the close counts in. Only
 * these texts ever reach a client: never a JVM exception message.
 */
public enum CloseReason {
    REFUSED("Connection refused", Metric.SERVER_ERR),
    TIMED_OUT("Connection timed out", Metric.SERVER_TIMEDOUT),
    RESET("Connection reset by peer", Metric.SERVER_ERR),
    BROKEN_PIPE("Broken pipe", Metric.SERVER_ERR),
    /** EHOSTDOWN: nutcracker's answer when a server host does not resolve. */
    HOST_DOWN("Host is down", Metric.SERVER_ERR),
    HOST_UNREACHABLE("No route to host", Metric.SERVER_ERR),
    NETWORK_UNREACHABLE("Network is unreachable", Metric.SERVER_ERR),
    /** EINVAL: nutcracker's answer for a protocol-level failure of a server (garbage, stray reply). */
    INVALID("Invalid argument", Metric.SERVER_ERR),
    /**
     * A server closed its end (FIN) with requests outstanding. nutcracker says {@code unknown}
     * (errno 0); we say what happened.
     */
    CLOSED("Connection closed by server", Metric.SERVER_EOF),
    /** The proxy closed the connection: stopping, or the configuration that used it was replaced. */
    PROXY_CLOSED("Connection closed by proxy", Metric.SERVER_EOF),
    /**
     * jn_tls_server: the server's certificate failed the check (CA, name, expiry); nutcracker has no
     * TLS. The details (which check) go to the log.
     */
    TLS_CERTIFICATE("TLS handshake failed: server certificate not trusted", Metric.SERVER_ERR),
    /** jn_tls_server: any other handshake failure (no common protocol, a plain server, a refused client certificate). */
    TLS_HANDSHAKE("TLS handshake failed", Metric.SERVER_ERR),
    /** Any other I/O failure (EIO); the details go to the log, not to clients. */
    IO_ERROR("Input/output error", Metric.SERVER_ERR);

    private final String text;
    private final Metric metric;

    CloseReason(String text, Metric metric) {
        this.text = text;
        this.metric = metric;
    }

    /** The strerror text, e.g. {@code Connection refused}. */
    public String text() {
        return text;
    }

    /** {@code server_eof}, {@code server_timedout} or {@code server_err}. */
    public Metric metric() {
        return metric;
    }

    /** The reason for a connect or I/O failure reported by Netty. */
    public static CloseReason of(Throwable cause) {
        CloseReason tls = ofTls(cause);
        if (tls != null) {
            return tls;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return HOST_DOWN;
            }
            if (t instanceof ConnectTimeoutException || t instanceof TimeoutException) {
                return TIMED_OUT;
            }
            if (t instanceof ClosedChannelException) {
                return CLOSED;
            }
            CloseReason byText = ofMessage(t.getMessage());
            if (byText != null) {
                return byText;
            }
            if (t instanceof ConnectException) {
                return REFUSED;
            }
        }
        return IO_ERROR;
    }

    /** A TLS failure: a certificate check anywhere in the chain of causes, else the handshake. */
    private static CloseReason ofTls(Throwable cause) {
        boolean ssl = false;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof SSLPeerUnverifiedException) {
                return TLS_CERTIFICATE;
            }
            ssl |= t instanceof SSLException;
        }
        return ssl ? TLS_HANDSHAKE : null;
    }

    /**
     * Netty's native transport words errors as {@code writevAddresses(..) failed with error(-32):
     * Broken pipe}; the JDK as {@code Connection reset}: match the strerror text they carry.
     */
    private static CloseReason ofMessage(String message) {
        if (message == null) {
            return null;
        }
        for (CloseReason r : values()) {
            if (message.endsWith(r.text)) {
                return r;
            }
        }
        if (message.contains("reset by peer") || message.equals("Connection reset")) {
            return RESET;
        }
        return message.contains("Connection refused") ? REFUSED : null;
    }
}
