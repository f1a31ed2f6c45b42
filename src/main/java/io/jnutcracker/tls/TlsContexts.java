package io.jnutcracker.tls;

import io.jnutcracker.config.TlsConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Netty {@link SslContext}s of the {@code jn_tls_*} keys from the certificates and keys
 * the configuration has already read and checked. OpenSSL (BoringSSL through netty-tcnative) when it
 * loads on this machine, else the JDK's provider; which one is logged once, at the first pool that
 * uses TLS, so a proxy without TLS never loads the native library.
 */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    /** The provider every context uses, chosen (and logged) at the first call. */
    public static SslProvider provider() {
        return Provider.CHOSEN;
    }

    /** Holder idiom: the choice (loading the native library) happens once, on first use. */
    private static final class Provider {
        static final SslProvider CHOSEN = choose();

        private static SslProvider choose() {
            if (OpenSsl.isAvailable()) {
                LOG.info("TLS through OpenSSL ({}, netty-tcnative)", OpenSsl.versionString());
                return SslProvider.OPENSSL;
            }
            Throwable why = OpenSsl.unavailabilityCause();
            LOG.info("TLS through the JDK's provider (OpenSSL not loaded: {})", why == null ? "unknown" : why.toString());
            return SslProvider.JDK;
        }
    }

    /** The listener's context: the proxy's certificate, and client certificates when {@code clientCa} is set. */
    public static SslContext listener(TlsConfig.Listen tls) throws SSLException {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(tls.key().privateKey(), tls.cert().certificates())
                    .sslProvider(provider());
            if (tls.clientCa() != null) {
                b.trustManager(tls.clientCa().certificates()).clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (Exception e) {
            throw wrap(e);
        }
    }

    /** The context for connections to servers, with what is checked of their certificates. */
    public static ServerTls servers(TlsConfig.Servers tls) throws SSLException {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(provider());
            if (tls.verify() == TlsConfig.Verify.NONE) {
                LOG.warn("jn_tls_server_verify: none: server certificates are not checked (encrypted, not authenticated)");
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (tls.ca() != null) {
                b.trustManager(tls.ca().certificates());
            }
            // "HTTPS" is RFC 2818's name check (the SANs), the same rule redis-cli and Redis apply.
            b.endpointIdentificationAlgorithm(tls.verify() == TlsConfig.Verify.FULL ? "HTTPS" : null);
            if (tls.cert() != null) {
                b.keyManager(tls.key().privateKey(), tls.cert().certificates());
            }
            return new ServerTls(b.build(), tls.name());
        } catch (Exception e) {
            throw wrap(e);
        }
    }

    private static SSLException wrap(Exception e) {
        return e instanceof SSLException s ? s : new SSLException(e.getMessage(), e);
    }
}
