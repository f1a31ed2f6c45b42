package io.jnutcracker.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time (nothing is committed): EC P-256 keys, certificates
 * valid for a day, written as PEM files (keys as unencrypted PKCS#8, what jn_tls_* and redis-server
 * read). {@link #issue} makes a leaf for 127.0.0.1 and localhost, usable as server and as client.
 */
public final class TestCerts {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final Path dir;
    private final String name;
    private final KeyPair keys;
    private final X509Certificate cert;

    private TestCerts(Path dir, String name, KeyPair keys, X509Certificate cert) {
        this.dir = dir;
        this.name = name;
        this.keys = keys;
        this.cert = cert;
    }

    /** A new CA named {@code name}; its certificate is written to {@code dir/name-ca.pem}. */
    public static TestCerts authority(Path dir, String name) throws Exception {
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + name + " test CA");
        X509v3CertificateBuilder b = builder(subject, subject, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate cert = sign(b, keys);
        TestCerts ca = new TestCerts(dir, name, keys, cert);
        Files.writeString(ca.caFile(), pem("CERTIFICATE", cert.getEncoded()));
        return ca;
    }

    public Path caFile() {
        return dir.resolve(name + "-ca.pem");
    }

    /** The CA's certificate. */
    public X509Certificate certificate() {
        return cert;
    }

    /** A leaf certificate for 127.0.0.1 and localhost, signed by this CA, as {@code dir/leaf.pem} and {@code dir/leaf-key.pem}. */
    public Leaf issue(String leaf) throws Exception {
        KeyPair leafKeys = newKeys();
        X509v3CertificateBuilder b = builder(new X500Name("CN=" + name + " test CA"), new X500Name("CN=" + leaf),
                leafKeys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        X509Certificate leafCert = sign(b, keys);
        Path certFile = dir.resolve(leaf + ".pem");
        Path keyFile = dir.resolve(leaf + "-key.pem");
        Files.writeString(certFile, pem("CERTIFICATE", leafCert.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
        return new Leaf(certFile, keyFile, leafKeys, leafCert, cert);
    }

    /** An issued certificate and its key, with a JDK client context for Jedis and raw sockets. */
    public record Leaf(Path cert, Path key, KeyPair keys, X509Certificate certificate, X509Certificate ca) {
        /** Trusts {@code trusted}; presents this leaf when {@code present}. */
        public SSLContext clientContext(X509Certificate trusted, boolean present) throws Exception {
            return context(trusted, present ? this : null);
        }
    }

    /** A JDK context trusting {@code trusted}, presenting {@code leaf} (or nothing when null). */
    public static SSLContext context(X509Certificate trusted, Leaf leaf) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (leaf != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("me", leaf.keys().getPrivate(), new char[0],
                    new X509Certificate[] {leaf.certificate(), leaf.ca()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuerKeys) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    /** PEM armour, 64 columns, as openssl writes it. */
    static String pem(String type, byte[] der) throws IOException {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
