package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jnutcracker's own pool keys ({@code jn_*}): off by default, parsed with nutcracker's rules for their
 * value kind (numbers as {@code conf_set_num}, duplicates refused), and absent from a nutcracker file.
 */
class ExtensionKeyTest {
    @TempDir
    Path dir;

    @Test
    void verifyIntervalIsOffByDefault() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  servers:
                   - 127.0.0.1:6379:1 a
                """).pools().get(0);

        assertThat(p.extensions()).isEqualTo(PoolExtensions.NONE);
        assertThat(p.extensions().verifies()).isFalse();
    }

    @Test
    void dedicatedConnectionsHasADefaultAndIsRead() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_dedicated_connections: 3
                  servers:
                   - 127.0.0.1:6379:1 a
                """).pools().get(0);

        assertThat(p.extensions().dedicated().connections()).isEqualTo(3);
        assertThat(PoolExtensions.NONE.dedicated().connections()).isEqualTo(512);
    }

    @Test
    void verifyIntervalIsReadInSeconds() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_verify_interval: 30
                  servers:
                   - 127.0.0.1:6379:1 a
                """).pools().get(0);

        assertThat(p.extensions().verifyIntervalSeconds()).isEqualTo(30);
        assertThat(p.extensions().verifies()).isTrue();
    }

    @Test
    void verifyIntervalMustBeANumberAndGivenOnce() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_verify_interval: soon
                  servers:
                   - 127.0.0.1:6379:1 a
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("directive \"jn_verify_interval\" is not a number");
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_verify_interval: 5
                  jn_verify_interval: 6
                  servers:
                   - 127.0.0.1:6379:1 a
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("directive \"jn_verify_interval\" is a duplicate");
    }

    @Test
    void otherJnKeysAreStillUnknown() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_verify: 5
                  servers:
                   - 127.0.0.1:6379:1 a
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("directive \"jn_verify\" is unknown");
    }

    @Test
    void reuseportFromTwemproxyMasterIsAccepted() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  reuseport: true
                  servers:
                   - 127.0.0.1:6379:1 a
                """).pools().get(0);
        assertThat(p.extensions().reusePort()).isTrue();
    }

    @Test
    void replicaReadKeysAreOffByDefaultAndReadWithTheirRules() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, """
                m:
                  listen: 127.0.0.1:22121
                  servers:
                   - 127.0.0.1:6379:1 a
                r:
                  listen: 127.0.0.1:22122
                  jn_verify_interval: 1
                  jn_read_fallback: pool:m
                  jn_max_replica_lag: 10
                  jn_retry_miss_on_master: true
                  servers:
                   - 127.0.0.1:6380:1 a
                """).pool("r").orElseThrow();
        assertThat(p.extensions().replicaReads()).isEqualTo(new ReplicaReads(10, true));
        assertThat(p.extensions().replicaReads().marks()).isTrue();
        assertThat(PoolExtensions.NONE.replicaReads()).isEqualTo(ReplicaReads.OFF);
        assertThat(ReplicaReads.OFF.marks()).isFalse();
    }

    @Test
    void replicaReadKeysNeedTheReadFallbackAndTheLagBoundTheBackgroundCheck() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                r:
                  listen: 127.0.0.1:22122
                  jn_retry_miss_on_master: true
                  servers:
                   - 127.0.0.1:6380:1 a
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("directive \"jn_retry_miss_on_master\" needs \"jn_read_fallback\"")
                .extracting(e -> ((ConfigException) e).line()).isEqualTo(3);
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                m:
                  listen: 127.0.0.1:22121
                  servers:
                   - 127.0.0.1:6379:1 a
                r:
                  listen: 127.0.0.1:22122
                  jn_read_fallback: pool:m
                  jn_max_replica_lag: 10
                  servers:
                   - 127.0.0.1:6380:1 a
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("directive \"jn_max_replica_lag\" needs \"jn_verify_interval\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                r:
                  listen: 127.0.0.1:22122
                  jn_retry_miss_on_master: yes
                  servers:
                   - 127.0.0.1:6380:1 a
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("directive \"jn_retry_miss_on_master\" is not \"true\" or \"false\"");
    }

    @Test
    void sentinelKeysListSentinelsAuthAndLocalSubnets() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_sentinels: 127.0.0.1:26379, 127.0.0.1:26380 127.0.0.1:26381
                  jn_sentinel_auth: secret
                  jn_sentinel_local: 127.0.99.0/24
                  servers:
                   - 127.0.0.1:6379:1 redis01
                """).pools().get(0);
        SentinelSettings s = p.extensions().sentinel();
        assertThat(s.names()).containsExactly("127.0.0.1:26379", "127.0.0.1:26380", "127.0.0.1:26381");
        assertThat(s.majority()).isEqualTo(2);
        assertThat(s.auth()).isEqualTo("secret");
        assertThat(s.readsReplicas()).isTrue();
        assertThat(s.isLocal("127.0.99.12")).isTrue();
        assertThat(s.isLocal("127.0.98.12")).isFalse();
    }

    @Test
    void sentinelKeysAreChecked() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_sentinels: 127.0.0.1:26379
                  servers:
                   - 127.0.0.1:6379:1
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("each server needs a name, its Sentinel master name");
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_sentinel_local: 127.0.99.0/24
                  servers:
                   - 127.0.0.1:6379:1 a
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("directive \"jn_sentinel_local\" needs \"jn_sentinels\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_sentinels: 127.0.0.1
                  servers:
                   - 127.0.0.1:6379:1 a
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("which is not host:port");
        assertThatThrownBy(() -> ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  jn_sentinels: 127.0.0.1:26379
                  jn_sentinel_local: dc1.example/24
                  servers:
                   - 127.0.0.1:6379:1 a
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("which is not an address or address/bits");
    }
}
