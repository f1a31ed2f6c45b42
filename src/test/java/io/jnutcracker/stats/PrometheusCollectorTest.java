package io.jnutcracker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.command.Command;
import io.netty.channel.embedded.EmbeddedChannel;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Prometheus families are the metric table's, and the text parses strictly. */
class PrometheusCollectorTest {
    @Test
    void everyTableMetricIsExportedWithItsTypeAndLabels() throws Exception {
        PoolStats pool = new PoolStats("alpha", List.of("a1", "a2"));
        ServerConnStats c = pool.serverConnection(1, Runnable::run);
        c.connected();
        c.forwarded(21, false);
        c.replied(7);
        EmbeddedChannel ch = new EmbeddedChannel();
        pool.clientOpened(ch).command(Command.GET);
        pool.serverEjected(0, 1_500_000);
        StatsAggregator aggregator = new StatsAggregator(() -> List.of(pool));
        Snapshot snapshot = aggregator.aggregate();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out,
                new PrometheusCollector(() -> snapshot, () -> 42, "host-1").collect());
        String text = out.toString(StandardCharsets.UTF_8);
        PrometheusText prom = PrometheusText.parse(text);

        for (Metric m : Metric.values()) {
            if (m.prometheusName() == null) {
                continue;
            }
            String type = switch (m.type()) {
                case COUNTER, COMMAND_COUNTS -> "counter";
                case SUMMARY -> "summary";
                default -> "gauge";
            };
            String family = m.prometheusName() + (type.equals("counter") ? "_total" : "");
            assertThat(prom.types).as(m.name()).containsEntry(family, type);
        }
        assertThat(prom.value("nutcracker_info", "jnutcracker_version", io.jnutcracker.Version.JNUTCRACKER,
                "service", "nutcracker", "source", "host-1", "version", "0.5.0")).isEqualTo(1);
        assertThat(prom.value("nutcracker_uptime_seconds")).isEqualTo(42);
        assertThat(prom.value("nutcracker_requests_total", "pool", "alpha", "server", "a2")).isEqualTo(1);
        assertThat(prom.value("nutcracker_request_bytes_total", "pool", "alpha", "server", "a2")).isEqualTo(21);
        assertThat(prom.value("nutcracker_server_connections", "pool", "alpha", "server", "a2")).isEqualTo(1);
        assertThat(prom.value("nutcracker_client_connections", "pool", "alpha")).isEqualTo(1);
        assertThat(prom.value("nutcracker_server_ejects_total", "pool", "alpha")).isEqualTo(1);
        assertThat(prom.value("nutcracker_server_ejected_timestamp_seconds", "pool", "alpha", "server", "a1"))
                .isEqualTo(1.5);
        assertThat(prom.value("nutcracker_commands_total", "command", "get", "pool", "alpha")).isEqualTo(1);
        assertThat(prom.value("nutcracker_server_latency_seconds_count", "pool", "alpha", "server", "a2")).isEqualTo(1);
        assertThat(prom.value("nutcracker_server_latency_seconds", "pool", "alpha", "server", "a2", "quantile", "0.99"))
                .isGreaterThanOrEqualTo(0);
        assertThat(prom.value("nutcracker_server_latency_seconds", "pool", "alpha", "server", "a1", "quantile", "0.5"))
                .isNaN();
        ch.finishAndReleaseAll();
    }
}
