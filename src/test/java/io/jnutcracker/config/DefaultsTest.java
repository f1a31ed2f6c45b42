package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.hash.Distribution;
import io.jnutcracker.hash.HashFunction;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults as {@code conf_validate_pool} fills them in, and every key read when given. */
class DefaultsTest {
    @TempDir
    Path dir;

    @Test
    void minimalPoolGetsNutcrackerDefaults() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  servers:
                   - 127.0.0.1:6379:1
                """).pools().get(0);

        assertThat(p.hash()).isEqualTo(HashFunction.FNV1A_64);
        assertThat(p.hashTag()).isNull();
        assertThat(p.distribution()).isEqualTo(Distribution.KETAMA);
        assertThat(p.timeoutMs()).isEqualTo(-1);
        assertThat(p.backlog()).isEqualTo(512);
        assertThat(p.redis()).isFalse(); // memcached, not redis
        assertThat(p.redisAuth()).isNull();
        assertThat(p.redisDb()).isZero();
        assertThat(p.serverConnections()).isEqualTo(1);
        assertThat(p.serverRetryTimeoutMs()).isEqualTo(30000);
        assertThat(p.serverFailureLimit()).isEqualTo(2);
        assertThat(p.clientConnections()).isZero();
        assertThat(p.preconnect()).isFalse();
        assertThat(p.autoEjectHosts()).isFalse();
        assertThat(p.tcpKeepalive()).isFalse();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  hash: murmur
                  hash_tag: "{}"
                  distribution: modula
                  timeout: 400
                  backlog: 1024
                  client_connections: 5
                  redis: true
                  redis_auth: s3cret
                  redis_db: 3
                  preconnect: true
                  auto_eject_hosts: true
                  server_connections: 4
                  server_retry_timeout: 2000
                  server_failure_limit: 0
                  tcpkeepalive: true
                  servers:
                   - 127.0.0.1:6379:1
                """).pools().get(0);

        assertThat(p.hash()).isEqualTo(HashFunction.MURMUR);
        assertThat(p.hashTag()).containsExactly('{', '}');
        assertThat(p.distribution()).isEqualTo(Distribution.MODULA);
        assertThat(p.timeoutMs()).isEqualTo(400);
        assertThat(p.backlog()).isEqualTo(1024);
        // kept as parsed; nutcracker 0.5.0 ignores it at run time (#477), so must the proxy
        assertThat(p.clientConnections()).isEqualTo(5);
        assertThat(p.redis()).isTrue();
        assertThat(p.redisAuth()).isEqualTo("s3cret");
        assertThat(p.redisDb()).isEqualTo(3);
        assertThat(p.preconnect()).isTrue();
        assertThat(p.autoEjectHosts()).isTrue();
        assertThat(p.serverConnections()).isEqualTo(4);
        assertThat(p.serverRetryTimeoutMs()).isEqualTo(2000);
        assertThat(p.serverFailureLimit()).isZero();
        assertThat(p.tcpKeepalive()).isTrue();
    }

    @Test
    void tabAfterColonIsWhiteSpaceAsInLibyaml() throws Exception {
        // [run] nutcracker accepts tabs after "key:" and before a comment; snakeyaml alone would not
        PoolConfig p = ConfigFiles.load(dir, "p:\t\n  listen:\t127.0.0.1:22121\n  hash:\t\tmd5\t# c\n"
                + "  servers:\n   - 127.0.0.1:6379:1\n    \t\n").pools().get(0);

        assertThat(p.listen().port()).isEqualTo(22121);
        assertThat(p.hash()).isEqualTo(HashFunction.MD5);
    }
}
