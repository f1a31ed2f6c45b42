package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnutcracker.tls.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jn_tls_*} keys: read with the file, each error naming the file, line and key, so
 * {@code -t} catches a missing, unreadable or mismatched certificate before a start or a reload.
 */
class TlsConfigTest {
    @TempDir
    Path dir;
    private TestCerts ca;
    private TestCerts.Leaf leaf;

    @BeforeEach
    void certs() throws Exception {
        ca = TestCerts.authority(dir, "a");
        leaf = ca.issue("proxy");
    }

    private String pool(String extra) {
        return "p:\n  listen: 127.0.0.1:22121\n" + extra + "  servers:\n   - 127.0.0.1:6379:1 a\n";
    }

    private ConfigException refused(String extra) {
        return assertThrowsConfig(pool(extra));
    }

    private ConfigException assertThrowsConfig(String yml) {
        try {
            ConfigFiles.load(dir, yml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yml);
    }

    @Test
    void noKeyMeansPlainBothWays() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, pool("")).pools().get(0);
        assertThat(p.extensions().tls()).isNull();
        assertThat(p.extensions().listenTls()).isNull();
        assertThat(p.extensions().serverTls()).isNull();
    }

    @Test
    void listenerAndServerKeysAreRead() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, pool("""
                  jn_tls_cert: %s
                  jn_tls_key: %s
                  jn_tls_client_ca: %s
                  jn_tls_server: true
                  jn_tls_server_ca: %s
                  jn_tls_server_cert: %s
                  jn_tls_server_key: %s
                  jn_tls_server_name: redis.example
                  jn_tls_server_verify: chain
                """.formatted(leaf.cert(), leaf.key(), ca.caFile(), ca.caFile(), leaf.cert(), leaf.key())))
                .pools().get(0);

        TlsConfig.Listen l = p.extensions().listenTls();
        assertThat(l.cert().path()).isEqualTo(leaf.cert());
        assertThat(l.clientCa().text()).isEqualTo(Files.readString(ca.caFile()));
        TlsConfig.Servers s = p.extensions().serverTls();
        assertThat(s.name()).isEqualTo("redis.example");
        assertThat(s.verify()).isEqualTo(TlsConfig.Verify.CHAIN);
        assertThat(s.cert().certificates()[0]).isEqualTo(leaf.certificate());
    }

    @Test
    void serverTlsDefaultsToFullVerificationWithTheJdkTrustStore() throws Exception {
        TlsConfig.Servers s = ConfigFiles.load(dir, pool("  jn_tls_server: true\n")).pools().get(0)
                .extensions().serverTls();
        assertThat(s).isEqualTo(new TlsConfig.Servers(null, null, null, null, TlsConfig.Verify.FULL));
    }

    @Test
    void aMissingFileIsNamedWithItsLine() {
        ConfigException e = refused("  jn_tls_cert: " + dir.resolve("none.pem") + "\n  jn_tls_key: " + leaf.key() + "\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.key()).isEqualTo("jn_tls_cert");
        assertThat(e.describe()).endsWith(":3: directive \"jn_tls_cert\" names '" + dir.resolve("none.pem")
                + "', which does not exist");
    }

    @Test
    void anUnreadableFileIsNamed() {
        ConfigException e = refused("  jn_tls_server: true\n  jn_tls_server_ca: " + dir + "\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).startsWith("directive \"jn_tls_server_ca\" names '" + dir + "', which cannot be read");
    }

    @Test
    void contentMustBeWhatTheKeyNames() {
        assertThat(refused("  jn_tls_cert: " + leaf.key() + "\n  jn_tls_key: " + leaf.key() + "\n").getMessage())
                .isEqualTo("directive \"jn_tls_cert\" names '" + leaf.key() + "', which holds no PEM certificate");
        assertThat(refused("  jn_tls_cert: " + leaf.cert() + "\n  jn_tls_key: " + leaf.cert() + "\n").getMessage())
                .isEqualTo("directive \"jn_tls_key\" names '" + leaf.cert() + "', which holds no PEM private key");
    }

    @Test
    void aTraditionalKeyIsRefusedWithTheConversion() throws Exception {
        Path rsa = Files.writeString(dir.resolve("rsa.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        assertThat(refused("  jn_tls_cert: " + leaf.cert() + "\n  jn_tls_key: " + rsa + "\n").getMessage())
                .contains("whose key is RSA PEM, not unencrypted PKCS#8")
                .contains("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aKeyMustMatchItsCertificate() throws Exception {
        TestCerts.Leaf other = ca.issue("other");
        ConfigException e = refused("  jn_tls_cert: " + leaf.cert() + "\n  jn_tls_key: " + other.key() + "\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("directive \"jn_tls_key\" names '" + other.key()
                + "', whose key does not match the certificate in '" + leaf.cert() + "'");
    }

    @Test
    void pairsAndPrerequisitesAreChecked() {
        assertThat(refused("  jn_tls_cert: " + leaf.cert() + "\n").getMessage())
                .isEqualTo("directive \"jn_tls_cert\" needs \"jn_tls_key\" too");
        assertThat(refused("  jn_tls_client_ca: " + ca.caFile() + "\n").getMessage())
                .isEqualTo("directive \"jn_tls_client_ca\" needs \"jn_tls_cert\"");
        assertThat(refused("  jn_tls_server_ca: " + ca.caFile() + "\n").getMessage())
                .isEqualTo("directive \"jn_tls_server_ca\" needs \"jn_tls_server: true\"");
        assertThat(refused("  jn_tls_server: true\n  jn_tls_server_key: " + leaf.key() + "\n").getMessage())
                .isEqualTo("directive \"jn_tls_server_key\" needs \"jn_tls_server_cert\" too");
        ConfigException unix = assertThrowsConfig("p:\n  listen: 127.0.0.1:22121\n  jn_tls_server: true\n"
                + "  servers:\n   - /tmp/redis.sock:1 a\n");
        assertThat(unix.line()).isEqualTo(3);
        assertThat(unix.getMessage()).isEqualTo("directive \"jn_tls_server\" needs \"jn_tls_server_name\" (or "
                + "\"jn_tls_server_verify: chain\") for unix socket servers");
        assertThat(refused("  jn_tls_server: true\n  jn_tls_server_verify: Full\n").getMessage())
                .isEqualTo("directive \"jn_tls_server_verify\" is not \"full\", \"chain\" or \"none\"");
    }

    @Test
    void aCertificateReplacedOnDiskChangesThePool() throws Exception {
        String yml = pool("  jn_tls_cert: " + leaf.cert() + "\n  jn_tls_key: " + leaf.key() + "\n");
        PoolConfig before = ConfigFiles.load(dir, yml).pools().get(0);
        assertThat(ConfigFiles.load(dir, yml).pools().get(0).sameSettings(before)).isTrue();
        ca.issue("proxy"); // same paths, new certificate and key
        assertThat(ConfigFiles.load(dir, yml).pools().get(0).sameSettings(before)).isFalse();
    }
}
