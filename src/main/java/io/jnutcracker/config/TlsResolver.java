package io.jnutcracker.config;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Builds a pool's {@link TlsConfig} from its {@code jn_tls_*} keys and checks what one key alone
 * cannot: pairs given together, server keys only with {@code jn_tls_server: true}, every PEM file
 * holding what its key names, and each private key matching its certificate. Every error names the
 * file and line of the key concerned.
 */
final class TlsResolver {
    private final Path file;
    private final PoolDraft d;

    private TlsResolver(Path file, PoolDraft d) {
        this.file = file;
        this.d = d;
    }

    /** The pool's TLS, or null when it sets no {@code jn_tls_*} key. */
    static TlsConfig resolve(Path file, PoolDraft d) throws ConfigException {
        TlsResolver r = new TlsResolver(file, d);
        TlsConfig.Listen listen = r.listen();
        TlsConfig.Servers servers = r.servers();
        return listen == null && servers == null ? null : new TlsConfig(listen, servers);
    }

    private TlsConfig.Listen listen() throws ConfigException {
        pair(Directive.JN_TLS_CERT, Directive.JN_TLS_KEY);
        if (!d.has(Directive.JN_TLS_CERT)) {
            needs(Directive.JN_TLS_CLIENT_CA, Directive.JN_TLS_CERT);
            return null;
        }
        PemFile cert = d.get(Directive.JN_TLS_CERT);
        PemFile key = d.get(Directive.JN_TLS_KEY);
        matches(cert, key, Directive.JN_TLS_KEY);
        PemFile clientCa = d.get(Directive.JN_TLS_CLIENT_CA);
        if (clientCa != null) {
            certificates(clientCa, Directive.JN_TLS_CLIENT_CA);
        }
        return new TlsConfig.Listen(cert, key, clientCa);
    }

    private TlsConfig.Servers servers() throws ConfigException {
        Directive[] refining = {Directive.JN_TLS_SERVER_CA, Directive.JN_TLS_SERVER_CERT, Directive.JN_TLS_SERVER_KEY,
                Directive.JN_TLS_SERVER_NAME, Directive.JN_TLS_SERVER_VERIFY};
        if (!d.<Boolean>get(Directive.JN_TLS_SERVER)) {
            for (Directive r : refining) {
                if (d.has(r)) {
                    throw error(r, "needs \"" + Directive.JN_TLS_SERVER.key() + ": true\"");
                }
            }
            return null;
        }
        pair(Directive.JN_TLS_SERVER_CERT, Directive.JN_TLS_SERVER_KEY);
        PemFile ca = d.get(Directive.JN_TLS_SERVER_CA);
        if (ca != null) {
            certificates(ca, Directive.JN_TLS_SERVER_CA);
        }
        PemFile cert = d.get(Directive.JN_TLS_SERVER_CERT);
        PemFile key = d.get(Directive.JN_TLS_SERVER_KEY);
        if (cert != null) {
            matches(cert, key, Directive.JN_TLS_SERVER_KEY);
        }
        String name = d.get(Directive.JN_TLS_SERVER_NAME);
        TlsConfig.Verify verify = d.get(Directive.JN_TLS_SERVER_VERIFY);
        if (name == null && verify == TlsConfig.Verify.FULL && d.servers().stream().anyMatch(ServerConfig::isUnix)) {
            // a socket path is no name a certificate can hold
            throw error(Directive.JN_TLS_SERVER, "needs \"" + Directive.JN_TLS_SERVER_NAME.key()
                    + "\" (or \"" + Directive.JN_TLS_SERVER_VERIFY.key() + ": chain\") for unix socket servers");
        }
        return new TlsConfig.Servers(ca, cert, key, name, verify);
    }

    /** Both keys or neither; the error is on the line of the one given. */
    private void pair(Directive a, Directive b) throws ConfigException {
        if (d.has(a) != d.has(b)) {
            Directive given = d.has(a) ? a : b;
            throw error(given, "needs \"" + (given == a ? b : a).key() + "\" too");
        }
    }

    private void needs(Directive key, Directive required) throws ConfigException {
        if (d.has(key)) {
            throw error(key, "needs \"" + required.key() + "\"");
        }
    }

    private X509Certificate[] certificates(PemFile pem, Directive key) throws ConfigException {
        try {
            return pem.certificates();
        } catch (GeneralSecurityException e) {
            throw error(key, e.getMessage());
        }
    }

    /** Signs with the key and verifies with the certificate's public key: any algorithm, no parsing. */
    private void matches(PemFile certFile, PemFile keyFile, Directive keyDirective) throws ConfigException {
        Directive certDirective = keyDirective == Directive.JN_TLS_KEY ? Directive.JN_TLS_CERT
                : Directive.JN_TLS_SERVER_CERT;
        PublicKey pub = certificates(certFile, certDirective)[0].getPublicKey();
        PrivateKey key;
        try {
            key = keyFile.privateKey();
        } catch (GeneralSecurityException e) {
            throw error(keyDirective, e.getMessage());
        }
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> "SHA256withRSA";
            };
            byte[] probe = "jnutcracker".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(pub);
            verify.update(probe);
            if (verify.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // a key of another algorithm than the certificate's: it does not match either
        }
        throw error(keyDirective, "names '" + keyFile.path() + "', whose key does not match the certificate in '"
                + certFile.path() + "'");
    }

    private ConfigException error(Directive key, String what) {
        return new ConfigException(file, d.lineOf(key), key.key(), "directive \"" + key.key() + "\" " + what);
    }
}
