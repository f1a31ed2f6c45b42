package io.jnutcracker.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right after a listener's {@link io.netty.handler.ssl.SslHandler}: a client whose handshake fails (a
 * plain client, no or a wrong certificate) gets one log line; the SslHandler has already closed it,
 * and the failure goes on to the client handler, which counts it. Other clients are not affected.
 */
public final class HandshakeLog extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeLog.class);
    private final String pool;
    /** This connection's failure is logged (the exception and the event may both come, in either order). */
    private boolean logged;

    public HandshakeLog(String pool) {
        this.pool = pool;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isTls(cause)) {
            log(ctx, cause);
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            if (!e.isSuccess()) {
                log(ctx, e.cause());
                ctx.close();
            } else {
                ctx.pipeline().remove(this); // one handshake per connection: nothing more to watch
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void log(ChannelHandlerContext ctx, Throwable cause) {
        if (!logged) {
            logged = true;
            LOG.info("TLS handshake with client '{}' on pool '{}' failed, closed: {}", ctx.channel().remoteAddress(),
                    pool, reason(cause));
        }
    }

    private static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    /** A short reason for the log: the innermost message, or what a non-TLS client looks like. */
    static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return "not a TLS client (plain text received)";
            }
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
