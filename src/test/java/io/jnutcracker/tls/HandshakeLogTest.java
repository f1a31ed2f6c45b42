package io.jnutcracker.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The listener's handshake watcher: a failed handshake closes the client, passes the failure on, and leaves once done. */
class HandshakeLogTest {
    private final List<Throwable> passedOn = new ArrayList<>();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new HandshakeLog("p"), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                passedOn.add(cause);
            }
        });
    }

    @Test
    void aFailedHandshakeClosesAndPassesTheFailureOn() {
        EmbeddedChannel ch = channel();
        DecoderException plain = new DecoderException(new NotSslRecordException("not an SSL/TLS record: 2a31"));
        ch.pipeline().fireExceptionCaught(plain);
        ch.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(plain));
        assertThat(ch.isOpen()).isFalse();
        assertThat(passedOn).containsExactly(plain);
    }

    @Test
    void aSuccessfulHandshakeRemovesTheWatcher() {
        EmbeddedChannel ch = channel();
        ch.pipeline().fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
        assertThat(ch.pipeline().get(HandshakeLog.class)).isNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void theReasonIsShortAndNamesAPlainClient() {
        assertThat(HandshakeLog.reason(new DecoderException(new NotSslRecordException("x"))))
                .isEqualTo("not a TLS client (plain text received)");
        assertThat(HandshakeLog.reason(new DecoderException(new SSLHandshakeException("PEER_DID_NOT_RETURN_A_CERTIFICATE"))))
                .isEqualTo("PEER_DID_NOT_RETURN_A_CERTIFICATE");
    }
}
