package io.jnutcracker.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEM file named by a {@code jn_tls_*} key, read when the configuration is read (so {@code -t}, a
 * start and a reload all see a missing, unreadable or malformed file, with the key's line). Two
 * values are equal when they name the same path with the same text: a reload after a certificate
 * was replaced on disk sees a changed pool, whose new connections then use the new certificate.
 *
 * @param path as written in the file (relative paths are taken from the working directory, as
 *     nutcracker takes {@code -c} and {@code -o})
 * @param text the file's content
 */
public record PemFile(Path path, String text) {
    /** Larger than any certificate chain or key; bounds what a runaway path (a disk image) costs. */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1?PRIVATE KEY-----");

    /** Reads {@code value} as a path; the reason names the file and what is wrong with it. */
    static PemFile read(String value) throws InvalidValue {
        Path path = Path.of(value);
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new InvalidValue("names '" + value + "', which is larger than " + MAX_BYTES + " bytes");
            }
            return new PemFile(path, Files.readString(path, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new InvalidValue("names '" + value + "', which does not exist");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidValue("names '" + value + "', which cannot be read: " + e.getMessage());
        }
    }

    /** The certificates, in file order (leaf first for a chain). */
    public X509Certificate[] certificates() throws GeneralSecurityException {
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new GeneralSecurityException("names '" + path + "', which holds no PEM certificate");
        }
        try {
            var all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
            if (all.isEmpty()) {
                throw new GeneralSecurityException("names '" + path + "', which holds no PEM certificate");
            }
            return all.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
        } catch (CertificateException | RuntimeException e) {
            throw new GeneralSecurityException("names '" + path + "', which holds no valid PEM certificate ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * The private key, which must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), what
     * {@code openssl genpkey} and OpenSSL 3's {@code genrsa} write. RSA, EC and Ed25519 keys.
     */
    public PrivateKey privateKey() throws GeneralSecurityException {
        Matcher m = KEY.matcher(text);
        if (!m.find()) {
            throw new GeneralSecurityException("names '" + path + "', which holds no PEM private key");
        }
        if (m.group(1) != null) {
            throw new GeneralSecurityException("names '" + path + "', whose key is " + m.group(1).trim()
                    + " PEM, not unencrypted PKCS#8: convert it with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("names '" + path + "', whose private key is not valid base64");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("names '" + path + "', whose private key is not RSA, EC or Ed25519 PKCS#8");
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
