package io.jnutcracker.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.util.Clock;
import io.jnutcracker.route.ServerPool;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The miss estimate places keys exactly as the data path's {@link ServerPool} does. */
class PlacementTest {
    @TempDir
    Path dir;

    @Test
    void sameServerAsTheDataPathForEverySampleKey() {
        Path f = SeedLayouts.write(dir, "p.yml", """
                ketama:
                  listen: 127.0.0.1:22121
                  hash: murmur
                  hash_tag: "{}"
                  servers:
                   - 127.0.0.1:7001:1 a
                   - 127.0.0.1:7002:3 b
                   - 127.0.0.1:7003:2 c
                modula:
                  listen: 127.0.0.1:22122
                  hash: crc32a
                  distribution: modula
                  servers:
                   - 127.0.0.1:7001:1
                   - 127.0.0.1:7002:2
                """);
        for (PoolConfig pool : SeedLayouts.load(f).get(0).pools()) {
            ServerPool dataPath = new ServerPool(pool, Clock.SYSTEM);
            var placer = Placement.of(pool);
            for (byte[] key : KeySample.keys(2000)) {
                assertThat(placer.serverIndex(key)).isEqualTo(dataPath.serverFor(Unpooled.wrappedBuffer(key), 0, key.length));
            }
        }
    }

    @Test
    void sampleKeysAreTheSameEveryRun() {
        assertThat(KeySample.keys(50)).isDeepEqualTo(KeySample.keys(50));
        assertThat(java.util.Arrays.stream(KeySample.keys(1000)).mapToInt(k -> k.length)).allMatch(n -> n >= 4 && n <= 24);
    }
}
