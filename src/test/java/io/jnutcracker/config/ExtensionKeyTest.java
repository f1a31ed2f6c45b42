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
}
