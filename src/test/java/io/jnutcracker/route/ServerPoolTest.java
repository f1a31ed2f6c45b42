package io.jnutcracker.route;

import io.jnutcracker.util.Clock;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.PoolConfig;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ejection and retry as nutcracker's server_failure / server_pool_update, on an injected clock. */
class ServerPoolTest {
    @TempDir
    Path dir;

    private final long[] now = {1_000_000_000L};
    private final Clock clock = new Clock() {
        @Override
        public long nanoTime() {
            return now[0];
        }

        @Override
        public long epochMicros() {
            return now[0] / 1000;
        }
    };

    private PoolConfig pool(boolean eject) throws Exception {
        Path f = dir.resolve("p.yml");
        Files.writeString(f, """
                p:
                  listen: 127.0.0.1:22121
                  auto_eject_hosts: %s
                  server_failure_limit: 2
                  server_retry_timeout: 3000
                  servers:
                   - 127.0.0.1:7001:1 a
                   - 127.0.0.1:7002:1 b
                   - 127.0.0.1:7003:1 c
                """.formatted(eject));
        return ConfigLoader.load(f).pools().get(0);
    }

    private static Set<Integer> owners(ServerPool pool) {
        Set<Integer> owners = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.US_ASCII);
            owners.add(pool.serverFor(Unpooled.wrappedBuffer(key), 0, key.length));
        }
        return owners;
    }

    @Test
    void ejectsAfterTheFailureLimitAndReadmitsAfterTheRetryTimeout() throws Exception {
        ServerPool pool = new ServerPool(pool(true), clock);
        assertThat(owners(pool)).containsExactlyInAnyOrder(0, 1, 2);
        pool.failure(2);
        assertThat(owners(pool)).contains(2); // one failure is not enough
        pool.failure(2);
        assertThat(pool.server(2).ejected()).isTrue();
        assertThat(owners(pool)).containsExactlyInAnyOrder(0, 1);
        now[0] += 2_999_000_000L;
        assertThat(owners(pool)).containsExactlyInAnyOrder(0, 1);
        now[0] += 1_000_000L;
        assertThat(owners(pool)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(pool.server(2).ejected()).isFalse();
    }

    @Test
    void aSuccessResetsTheConsecutiveFailureCount() throws Exception {
        ServerPool pool = new ServerPool(pool(true), clock);
        pool.failure(1);
        pool.success(1);
        pool.failure(1);
        assertThat(pool.server(1).ejected()).isFalse();
    }

    @Test
    void withoutAutoEjectNothingLeavesTheContinuum() throws Exception {
        ServerPool pool = new ServerPool(pool(false), clock);
        for (int i = 0; i < 10; i++) {
            pool.failure(0);
        }
        assertThat(owners(pool)).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void whenEveryServerIsEjectedThereIsNoServer() throws Exception {
        ServerPool pool = new ServerPool(pool(true), clock);
        for (int s = 0; s < 3; s++) {
            pool.failure(s);
            pool.failure(s);
        }
        assertThat(owners(pool)).containsExactly(ServerPool.NO_SERVER);
    }
}
