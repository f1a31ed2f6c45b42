package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.Reload;
import io.jnutcracker.stats.PrometheusText;
import io.jnutcracker.stats.StatsDocument;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Configuration reloads in the stats (issue 7): a proxy with its stats port ({@code -i 20}) reloads
 * a valid file, then an invalid one, then a valid one again; the stats port, read over TCP, shows
 * the count of reloads, of failed ones, the time of the last one and its error (cleared by the next
 * good reload), as top-level fields after nutcracker's header; the Prometheus endpoint agrees.
 * Stats are read by polling with a generous deadline, never after a fixed sleep.
 */
class ReloadStatsIT {
    private static final String HOST = "127.0.0.1";
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Test
    void reloadsFailuresTimeAndLastErrorShowInTheStats() throws Exception {
        // No request is sent: server connections are made lazily, so nothing needs to listen there.
        int backend = RedisServerProcess.freePort(HOST);
        String v1 = """
                alpha:
                  listen: %s:%d
                  redis: true
                  servers:
                   - %s:%d:1 a1
                """.formatted(HOST, RedisServerProcess.freePort(HOST), HOST, backend);
        String v2 = v1 + """
                beta:
                  listen: %s:%d
                  redis: true
                  servers:
                   - %s:%d:1 b1
                """.formatted(HOST, RedisServerProcess.freePort(HOST), HOST, backend);
        String invalid = v2.replace("  redis: true\n", "  redis: true\n  distribution: nonsense\n");

        try (ProxyProcess proxy = ProxyProcess.startWithStats(v1, 20, true)) {
            StatsDocument doc = proxy.statsDocument();
            assertThat(doc.headerNames()).isEqualTo(StatsDocument.expectedHeaderNames());
            assertThat(doc.top).containsEntry("reloads", 0L).containsEntry("reload_failures", 0L)
                    .containsEntry("last_reload", 0L).containsEntry("last_reload_error", "");

            long before = System.currentTimeMillis() / 1000;
            Reload good = proxy.reload(v2);
            long after = System.currentTimeMillis() / 1000;
            assertThat(good.applied()).as(good.toString()).isTrue();
            assertThat(good.added()).containsExactly("beta");
            doc = await(proxy, d -> d.topValue("reloads") == 1 && d.topValue("last_reload") > 0);
            assertThat(doc.topValue("reload_failures")).isZero();
            assertThat(doc.topValue("last_reload")).isBetween(before, after);
            assertThat(doc.topText("last_reload_error")).isEmpty();
            assertThat(doc.poolNames()).containsExactlyInAnyOrder("alpha", "beta");
            long firstReload = doc.topValue("last_reload");

            Reload bad = proxy.reload(invalid);
            after = System.currentTimeMillis() / 1000;
            assertThat(bad.applied()).isFalse();
            doc = await(proxy, d -> d.topValue("reloads") == 2 && d.topValue("reload_failures") == 1
                    && !d.topText("last_reload_error").isEmpty());
            assertThat(doc.topValue("last_reload")).isBetween(firstReload, after);
            assertThat(doc.topText("last_reload_error")).isEqualTo(bad.error())
                    .startsWith(proxy.config() + ":").contains("distribution").contains("is not a valid distribution");
            assertThat(doc.poolNames()).as("the previous configuration keeps running")
                    .containsExactlyInAnyOrder("alpha", "beta");
            assertThat(doc.headerNames()).isEqualTo(StatsDocument.expectedHeaderNames());

            PrometheusText prom = proxy.prometheus();
            assertThat(prom.value("nutcracker_reloads_total")).isEqualTo(2);
            assertThat(prom.value("nutcracker_reload_failures_total")).isEqualTo(1);
            assertThat(prom.value("nutcracker_last_reload_failed")).isEqualTo(1);
            assertThat(prom.value("nutcracker_last_reload_timestamp_seconds")).isEqualTo(doc.topValue("last_reload"));

            // The next good reload clears the error; the failure stays counted.
            Reload again = proxy.reload(v2);
            assertThat(again.applied()).as(again.toString()).isTrue();
            doc = await(proxy, d -> d.topValue("reloads") == 3 && d.topText("last_reload_error").isEmpty());
            assertThat(doc.topValue("reload_failures")).isEqualTo(1);
            assertThat(doc.topText("last_reload_error")).isEmpty();
            assertThat(proxy.prometheus().value("nutcracker_last_reload_failed")).isZero();
        }
    }

    /**
     * Reads the stats port until {@code check} holds (the stats lag by up to one -i interval, and
     * an aggregation that races a reload may see its count before its time and error).
     */
    private static StatsDocument await(ProxyProcess proxy, Predicate<StatsDocument> check) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        StatsDocument doc = proxy.statsDocument();
        while (!check.test(doc)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stats never reached the expected values: " + doc.text);
            }
            Thread.sleep(20);
            doc = proxy.statsDocument();
        }
        return doc;
    }
}
