package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnutcracker.config.TlsConfig;
import io.jnutcracker.tls.TestCerts;
import io.jnutcracker.topology.Endpoint;
import io.jnutcracker.topology.RedisProbe;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * TLS end to end (jn_tls_*): a real redis-server built with TLS ({@code --tls-port}, requiring client
 * certificates), certificates made by the test, Jedis and Lettuce over TLS to the proxy, which
 * speaks TLS to the server with its own client certificate. Also: client certificates required by a
 * listener, a plain client refused by a TLS listener without harm to others, a server whose
 * certificate the pool does not trust answered with a clear error, the topology probe over TLS,
 * and certificates replaced on disk taking effect at a reload for new connections only.
 */
class TlsIT {
    private static final String H = "127.0.0.1";
    private static Path dir;
    private static TestCerts ca;
    private static TestCerts other;
    private static TestCerts.Leaf proxyCert;
    private static TestCerts.Leaf rotating;
    private static TestCerts.Leaf client;
    private static RedisServerProcess redis;
    private static int tlsPort;
    private static ProxyProcess proxy;
    private static int tlsListen;
    private static int mutualListen;
    private static int untrustingListen;
    private static int rotatingListen;
    private static int misnamedListen;
    private static int chainOnlyListen;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("jn-tls-");
        ca = TestCerts.authority(dir, "a");
        other = TestCerts.authority(dir, "b");
        TestCerts.Leaf server = ca.issue("redis");
        proxyCert = ca.issue("proxy");
        rotating = ca.issue("rotating");
        client = ca.issue("client");
        tlsPort = RedisServerProcess.freePort(H);
        // The plain port is for the test's own checks; the proxy uses the TLS one, and redis asks
        // for a client certificate there (tls-auth-clients yes, its default).
        redis = RedisServerProcess.start(H, "--tls-port", Integer.toString(tlsPort), "--tls-cert-file",
                server.cert().toString(), "--tls-key-file", server.key().toString(), "--tls-ca-cert-file",
                ca.caFile().toString(), "--tls-auth-clients", "yes");
        tlsListen = RedisServerProcess.freePort(H);
        mutualListen = RedisServerProcess.freePort(H);
        untrustingListen = RedisServerProcess.freePort(H);
        rotatingListen = RedisServerProcess.freePort(H);
        misnamedListen = RedisServerProcess.freePort(H);
        chainOnlyListen = RedisServerProcess.freePort(H);
        proxy = ProxyProcess.start(config());
    }

    private static String config() {
        String toServer = """
                  jn_tls_server: true
                  jn_tls_server_ca: %s
                  jn_tls_server_cert: %s
                  jn_tls_server_key: %s
                """.formatted(ca.caFile(), proxyCert.cert(), proxyCert.key());
        String listener = "  jn_tls_cert: " + proxyCert.cert() + "\n  jn_tls_key: " + proxyCert.key() + "\n";
        String servers = "  servers:\n   - " + H + ":" + tlsPort + ":1 redis01\n";
        return "tls:\n  listen: " + H + ":" + tlsListen + "\n  redis: true\n" + listener + toServer + servers
                + "mutual:\n  listen: " + H + ":" + mutualListen + "\n  redis: true\n" + listener
                + "  jn_tls_client_ca: " + ca.caFile() + "\n" + toServer + servers
                + "untrusting:\n  listen: " + H + ":" + untrustingListen + "\n  redis: true\n"
                + toServer.replace(ca.caFile().toString(), other.caFile().toString()) + servers
                + "rotating:\n  listen: " + H + ":" + rotatingListen + "\n  redis: true\n"
                + "  jn_tls_cert: " + rotating.cert() + "\n  jn_tls_key: " + rotating.key() + "\n" + toServer + servers
                // the server's certificate names 127.0.0.1 and localhost, not redis.example
                + "misnamed:\n  listen: " + H + ":" + misnamedListen + "\n  redis: true\n" + toServer
                + "  jn_tls_server_name: redis.example\n" + servers
                + "chain-only:\n  listen: " + H + ":" + chainOnlyListen + "\n  redis: true\n" + toServer
                + "  jn_tls_server_name: redis.example\n  jn_tls_server_verify: chain\n" + servers;
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (redis != null) {
            redis.close();
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(dir);
    }

    private static Jedis jedis(int port, X509Certificate trusted, TestCerts.Leaf presented) throws Exception {
        SSLContext ctx = TestCerts.context(trusted, presented);
        return new Jedis(new HostAndPort(H, port), DefaultJedisClientConfig.builder().ssl(true)
                .sslSocketFactory(ctx.getSocketFactory()).timeoutMillis(10_000).build());
    }

    private static RespClient tlsClient(int port, X509Certificate trusted) throws Exception {
        SSLSocket s = (SSLSocket) TestCerts.context(trusted, null).getSocketFactory().createSocket(H, port);
        s.startHandshake();
        return new RespClient(s, 10_000);
    }

    @Test
    void jedisOverTlsBothWaysWithALargeValue() throws Exception {
        byte[] big = new byte[3 << 20]; // a chain of reads on both sides, through both SslHandlers
        Arrays.fill(big, (byte) 'v');
        big[big.length - 1] = 'z';
        try (Jedis j = jedis(tlsListen, ca.certificate(), null)) {
            assertThat(j.set("tls:jedis", "over tls")).isEqualTo("OK");
            assertThat(j.get("tls:jedis")).isEqualTo("over tls");
            assertThat(j.set("tls:big".getBytes(), big)).isEqualTo("OK");
            assertThat(j.get("tls:big".getBytes())).isEqualTo(big);
        }
        // It reached the server through its TLS port: the plain port sees it.
        assertThat(redis.command("GET tls:jedis")).isEqualTo("$8");
        assertThat(redis.command("STRLEN tls:big")).isEqualTo(":" + big.length);
    }

    @Test
    void lettuceOverTlsPipelines() throws Exception {
        RedisURI uri = RedisURI.builder().withHost(H).withPort(tlsListen).withSsl(true)
                .withVerifyPeer(SslVerifyMode.FULL).build();
        RedisClient lettuce = RedisClient.create(uri);
        lettuce.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
                .trustManager(ca.caFile().toFile()).build()).build());
        try (StatefulRedisConnection<String, String> c = lettuce.connect()) {
            assertThat(c.sync().set("tls:lettuce", "ok")).isEqualTo("OK");
            c.setAutoFlushCommands(false);
            List<RedisFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                futures.add(c.async().incr("tls:lettuce:n"));
            }
            c.flushCommands();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1L);
            }
        } finally {
            lettuce.shutdown();
        }
    }

    @Test
    void aListenerWithClientCaRefusesAClientWithoutCertificate() throws Exception {
        assertThatThrownBy(() -> {
            try (Jedis j = jedis(mutualListen, ca.certificate(), null)) {
                j.ping();
            }
        }).isInstanceOf(Exception.class);
        // signed by another CA: refused too
        TestCerts.Leaf stranger = other.issue("stranger");
        assertThatThrownBy(() -> {
            try (Jedis j = jedis(mutualListen, ca.certificate(), stranger)) {
                j.ping();
            }
        }).isInstanceOf(Exception.class);
        try (Jedis j = jedis(mutualListen, ca.certificate(), client)) {
            assertThat(j.set("tls:mutual", "1")).isEqualTo("OK");
            assertThat(j.get("tls:mutual")).isEqualTo("1");
        }
    }

    @Test
    void aPlainClientOnATlsListenerIsClosedAndOthersAreServed() throws Exception {
        try (RespClient plain = new RespClient(H, tlsListen, 10_000);
             RespClient secure = tlsClient(tlsListen, ca.certificate())) {
            assertThat(secure.call("SET", "tls:raw", "x")).isEqualTo("+OK\r\n");
            plain.send(RespClient.encode("PING"));
            assertThat(plain.readToClose()).isEmpty(); // no reply, no TLS alert: closed
            assertThat(secure.call("GET", "tls:raw")).isEqualTo("$1\r\nx\r\n");
        }
        try (RespClient again = tlsClient(tlsListen, ca.certificate())) {
            assertThat(again.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedGetsAClearError() throws Exception {
        try (RespClient c = new RespClient(H, untrustingListen)) {
            c.send(RespClient.encode("SET", "tls:k", "v"));
            c.send(RespClient.encode("PING"));
            assertThat(c.readReply()).isEqualTo("-ERR TLS handshake failed: server certificate not trusted\r\n");
            assertThat(c.readReply()).isEqualTo("+PONG\r\n");
            assertThat(c.call("GET", "tls:k")).isEqualTo("-ERR TLS handshake failed: server certificate not trusted\r\n");
        }
    }

    @Test
    void theServerNameIsCheckedUnlessTheChainAloneIsAsked() throws Exception {
        try (RespClient misnamed = new RespClient(H, misnamedListen);
             RespClient chainOnly = new RespClient(H, chainOnlyListen)) {
            assertThat(misnamed.call("GET", "tls:name"))
                    .isEqualTo("-ERR TLS handshake failed: server certificate not trusted\r\n");
            assertThat(chainOnly.call("SET", "tls:name", "chain")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void theProbeConnectsWithThePoolsTls() throws Exception {
        TlsConfig.Servers good = proxy.proxy().config().pool("tls").orElseThrow().extensions().serverTls();
        TlsConfig.Servers untrusting = proxy.proxy().config().pool("untrusting").orElseThrow().extensions().serverTls();
        try (RedisProbe probe = new RedisProbe(5000)) {
            assertThat(probe.replication(Endpoint.tcp(H, tlsPort), null, good).role()).isEqualTo("master");
            assertThatThrownBy(() -> probe.replication(Endpoint.tcp(H, tlsPort), null, untrusting))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("TLS handshake failed: ");
            assertThatThrownBy(() -> probe.replication(Endpoint.tcp(H, tlsPort), null, null))
                    .isInstanceOf(IOException.class); // plain TCP to a TLS port
        }
    }

    @Test
    void checkAsksTlsServersWithThePoolsTls() throws Exception {
        String all = config();
        String tlsPool = all.substring(0, all.indexOf("mutual:"));
        String untrusting = all.substring(all.indexOf("untrusting:"), all.indexOf("rotating:"));
        Path good = Files.writeString(dir.resolve("check-good.yml"), tlsPool);
        Path bad = Files.writeString(dir.resolve("check-bad.yml"), untrusting);

        CheckIT.Run ok = CheckIT.check("-c", good.toString());
        CheckIT.Run refused = CheckIT.check("-c", bad.toString());

        assertThat(ok.exit()).as(ok.out() + ok.err()).isEqualTo(0);
        assertThat(ok.out()).doesNotContain("TLS handshake failed");
        assertThat(refused.exit()).as(refused.out() + refused.err()).isNotEqualTo(0);
        assertThat(refused.out() + refused.err()).contains("TLS handshake failed");
    }

    @Test
    void certificatesReplacedOnDiskServeNewConnectionsAfterAReload() throws Exception {
        try (RespClient before = tlsClient(rotatingListen, ca.certificate())) {
            assertThat(before.call("SET", "tls:rot", "1")).isEqualTo("+OK\r\n");
            other.issue("rotating-next");
            Files.copy(dir.resolve("rotating-next.pem"), rotating.cert(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve("rotating-next-key.pem"), rotating.key(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            var reload = proxy.reload(config());

            assertThat(reload.applied()).isTrue();
            assertThat(reload.changed()).containsExactly("rotating");
            assertThat(before.call("GET", "tls:rot")).isEqualTo("$1\r\n1\r\n"); // the old session goes on
            try (RespClient after = tlsClient(rotatingListen, other.certificate())) {
                assertThat(after.call("GET", "tls:rot")).isEqualTo("$1\r\n1\r\n");
            }
            assertThatThrownBy(() -> tlsClient(rotatingListen, ca.certificate()).close())
                    .isInstanceOf(javax.net.ssl.SSLException.class);
        }
    }
}
