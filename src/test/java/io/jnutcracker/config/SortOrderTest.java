package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nutcracker's {@code string_compare} order (length, then bytes) for servers and pools. */
class SortOrderTest {
    @TempDir
    Path dir;

    @Test
    void serversSortByNameLengthThenBytes() throws Exception {
        // [run] modula used the order b, zz, aaa; plain lexicographic order mismatched every key
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  distribution: modula
                  servers:
                   - 127.0.0.1:6379:1 zz
                   - 127.0.0.1:6380:1 b
                   - 127.0.0.1:6381:1 aaa
                """).pools().get(0);

        assertThat(p.servers()).extracting(ServerConfig::name).containsExactly("b", "zz", "aaa");
        assertThat(p.servers()).extracting(ServerConfig::line).containsExactly(6, 5, 7);
    }

    @Test
    void lengthIsCountedInUtf8Bytes() throws Exception {
        // [run] nutcracker's stats listed b, ab, zz, é, aaa: "é" is two bytes
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  servers:
                   - 127.0.0.1:6379:1 zz
                   - 127.0.0.1:6380:1 b
                   - 127.0.0.1:6381:1 aaa
                   - 127.0.0.1:6382:1 é
                   - 127.0.0.1:6383:1 ab
                """).pools().get(0);

        assertThat(p.servers()).extracting(ServerConfig::name).containsExactly("b", "ab", "zz", "é", "aaa");
    }

    @Test
    void derivedNamesSortToo() throws Exception {
        PoolConfig p = ConfigFiles.load(dir, """
                p:
                  listen: 127.0.0.1:22121
                  servers:
                   - 10.0.0.1:11211:1
                   - /tmp/r1.sock:1
                   - ::1:6379:2
                   - host.example:06379:1
                """).pools().get(0);

        // the same order nutcracker's stats showed for this pool
        assertThat(p.servers()).extracting(ServerConfig::name)
                .containsExactly("10.0.0.1", "::1:6379", "/tmp/r1.sock:", "host.example:06379");
    }

    @Test
    void poolsSortByNameLengthThenBytes() throws Exception {
        ProxyConfig config = ConfigFiles.load(dir, """
                zeta:
                  listen: 127.0.0.1:22121
                  servers:
                   - 127.0.0.1:6379:1
                b:
                  listen: 127.0.0.1:22122
                  servers:
                   - 127.0.0.1:6379:1
                aa:
                  listen: 127.0.0.1:22123
                  servers:
                   - 127.0.0.1:6379:1
                """);

        assertThat(config.pools()).extracting(PoolConfig::name).containsExactly("b", "aa", "zeta");
        assertThat(config.pools()).extracting(PoolConfig::line).containsExactly(5, 9, 1);
    }
}
