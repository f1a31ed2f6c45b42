package io.jnutcracker.backend;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.TimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

/**
 * The error texts nutcracker puts after {@code -ERR} ({@code msg_get_error}: glibc
 * {@code strerror(errno)}), derived from what Netty reports. Clients and their retry logic see
 * exactly nutcracker's wording.
 */
public final class Errno {
    public static final String CONNECTION_REFUSED = "Connection refused";
    public static final String TIMED_OUT = "Connection timed out";
    public static final String RESET = "Connection reset by peer";
    /** EHOSTDOWN: nutcracker's answer when a server host does not resolve. */
    public static final String HOST_DOWN = "Host is down";
    /** EINVAL: nutcracker's answer for a protocol-level failure of a server. */
    public static final String INVALID_ARGUMENT = "Invalid argument";
    /**
     * A server closed its end (FIN) with requests outstanding. nutcracker says {@code unknown}
     * (errno 0); we say what happened.
     */
    public static final String CLOSED = "Connection closed by server";

    private Errno() {
    }

    /** The text for a connect or I/O failure. */
    public static String of(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return HOST_DOWN;
            }
            if (t instanceof ConnectTimeoutException || t instanceof TimeoutException) {
                return TIMED_OUT;
            }
            if (t instanceof ConnectException) {
                return CONNECTION_REFUSED;
            }
            if (t instanceof ClosedChannelException) {
                return CLOSED;
            }
            String message = t.getMessage();
            // Netty's native transport words errors as "writevAddresses(..) failed with error(-32):
            // Broken pipe": the text after "): " is glibc's strerror, as nutcracker would print it.
            int nativeError = message == null ? -1 : message.indexOf("failed with error(");
            if (nativeError >= 0 && message.indexOf("): ", nativeError) > 0) {
                return message.substring(message.indexOf("): ", nativeError) + 3);
            }
            if (message != null && message.contains("reset by peer")) {
                return RESET;
            }
            if (message != null && message.contains("Connection refused")) {
                return CONNECTION_REFUSED;
            }
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
