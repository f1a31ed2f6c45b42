package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.hash.Distribution;
import io.jnutcracker.hash.HashFunction;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The seed configs (copied verbatim from {@code shared/seed}: 1-space indentation, 192.168.x servers
 * that must never be contacted) load unchanged, as {@code nutcracker -t} accepts them (REFERENCE 7.5).
 */
class SeedConfigTest {

    private static Path seed(String name) throws URISyntaxException {
        return Path.of(SeedConfigTest.class.getResource("seed/" + name).toURI());
    }

    @Test
    void detail01LoadsWithPoolsSortedByLengthThenBytes() throws Exception {
        ProxyConfig config = ConfigLoader.load(seed("detail01.nutcracker.yml"));

        // "redis-slave" (11 bytes) sorts before "redis-master" (12), though 'm' < 's'
        assertThat(config.pools()).extracting(PoolConfig::name).containsExactly("redis-slave", "redis-master");
        PoolConfig master = config.pool("redis-master").orElseThrow();
        assertThat(master.listen()).isEqualTo(new ListenConfig("127.0.0.1:1111", "127.0.0.1", 1111, null, 0));
        assertThat(master.hash()).isEqualTo(HashFunction.FNV1A_64);
        assertThat(master.distribution()).isEqualTo(Distribution.KETAMA);
        assertThat(master.redis()).isTrue();
        assertThat(master.line()).isEqualTo(2);
        assertThat(master.servers()).containsExactly(
                new ServerConfig("192.168.99.11:6401:1", "redis01", "192.168.99.11", 6401, null, 1, 8),
                new ServerConfig("192.168.99.11:6402:1", "redis02", "192.168.99.11", 6402, null, 1, 9));

        PoolConfig slave = config.pool("redis-slave").orElseThrow();
        assertThat(slave.listen().raw()).isEqualTo("127.0.0.1:1112");
        assertThat(slave.line()).isEqualTo(11);
        assertThat(slave.servers()).extracting(ServerConfig::name, ServerConfig::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("redis01", 6403),
                        org.assertj.core.groups.Tuple.tuple("redis02", 6405));
    }

    @Test
    void detail02Loads() throws Exception {
        ProxyConfig config = ConfigLoader.load(seed("detail02.nutcracker.yml"));

        assertThat(config.pools()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("redis-slave");
            assertThat(p.listen().port()).isEqualTo(1112);
            assertThat(p.servers()).extracting(ServerConfig::name).containsExactly("redis01", "redis02");
            assertThat(p.servers()).extracting(ServerConfig::host).containsExactly("192.168.99.11", "192.168.99.12");
        });
    }
}
