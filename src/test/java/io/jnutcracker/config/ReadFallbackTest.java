package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jn_read_fallback}: resolved against the file's pools, refused with file:line when unsound. */
class ReadFallbackTest {
    @TempDir
    Path dir;

    private ProxyConfig load(String fallback, String readServers) throws Exception {
        Path f = dir.resolve("f.yml");
        Files.writeString(f, """
                redis-master:
                  listen: 127.0.0.1:1111
                  redis: true
                  servers:
                   - 127.0.0.1:6401:1 redis01
                   - 127.0.0.1:6402:1 redis02
                redis-slave:
                  listen: 127.0.0.1:1112
                  redis: true
                  jn_read_fallback: %s
                  servers:
                %s""".formatted(fallback, readServers));
        return ConfigLoader.load(f);
    }

    private static final String SAME = "   - 127.0.0.1:6406:1 redis02\n   - 127.0.0.1:6405:1 redis01\n";

    @Test
    void poolFormMapsEachReadMemberToTheMasterOfTheSameName() throws Exception {
        ReadFallback rf = load("pool:redis-master", SAME).pool("redis-slave").orElseThrow().extensions().readFallback();
        assertThat(rf.target().name()).isEqualTo("redis-master");
        assertThat(rf.targetOf(0)).isEqualTo(0); // redis01 -> redis01
        assertThat(rf.targetOf(1)).isEqualTo(1);
    }

    @Test
    void proxyFormIsAOneServerPool() throws Exception {
        ReadFallback rf = load("proxy:127.0.99.11:1111", SAME).pool("redis-slave").orElseThrow().extensions()
                .readFallback();
        assertThat(rf.target().servers()).hasSize(1);
        assertThat(rf.target().servers().get(0).address()).isEqualTo("127.0.99.11:1111");
        assertThat(rf.targetOf(1)).isZero();
    }

    @Test
    void unsoundFallbacksAreRefusedAtTheKeysLine() {
        assertThatThrownBy(() -> load("pool:nope", SAME)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("names pool 'nope', which is not in this file")
                .extracting(e -> ((ConfigException) e).line()).isEqualTo(10);
        assertThatThrownBy(() -> load("pool:redis-master", "   - 127.0.0.1:6405:1 redis01\n   - 127.0.0.1:6406:1 other\n"))
                .hasMessageContaining("whose members differ");
        assertThatThrownBy(() -> load("pool:redis-master", "   - 127.0.0.1:6405:1 redis01\n   - 127.0.0.1:6406:2 redis02\n"))
                .hasMessageContaining("whose members differ");
        assertThatThrownBy(() -> load("somewhere", SAME)).hasMessageContaining("is not \"pool:NAME\" or \"proxy:HOST:PORT\"");
        assertThatThrownBy(() -> load("pool:redis-slave", SAME)).hasMessageContaining("names its own pool");
    }
}
