package io.jnutcracker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.command.Command;
import io.jnutcracker.topology.ReplicaVerdict;
import io.jnutcracker.topology.TopologyStatus;
import io.netty.channel.embedded.EmbeddedChannel;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus families are the metric table's, and the text parses strictly. */
class PrometheusCollectorTest {
    /**
     * A snapshot with a sample of every metric: pool alpha with servers a1 (ejected) and a2 (a request
     * and its reply), a client that sent GET, reloads (one failed) and a topology check. Also read by
     * {@link MonitoringFilesTest}.
     */
    static Snapshot sampleSnapshot() {
        PoolStats pool = new PoolStats("alpha", List.of("a1", "a2"));
        ServerConnStats c = pool.serverConnection(1, Runnable::run);
        c.connected(0, 0);
        c.forwarded(21, false);
        c.replied(21, 7, 250);
        EmbeddedChannel ch = new EmbeddedChannel();
        pool.clientOpened(ch).command(io.jnutcracker.command.CommandTable.byName("GET"));
        pool.serverEjected(0, 1_500_000);
        LoopCounters counters = pool.loopCounters(Runnable::run);
        counters.unreadableRead();
        counters.unreadableRead();
        counters.missRetry();
        counters.missRetryHit();
        ProcessStats process = new ProcessStats(3, 1, 1_795_695_100_999L, "conf.yml:3: bad",
                new TopologyStatus(true, 5, 7, 1_795_695_000_123L, 1, 2, 3, 6,
                        Map.of("alpha", 0.5, "not-in-force", 0.25), List.of("p"), 4,
                        List.of(new ReplicaVerdict("alpha", "a1", true, 12, "behind"),
                                new ReplicaVerdict("alpha", "a2", false, 0, "caught up"),
                                new ReplicaVerdict("not-in-force", "a1", true, 3, "behind"))));
        StatsAggregator aggregator = new StatsAggregator(() -> List.of(pool), () -> process);
        Snapshot snapshot = aggregator.aggregate();
        ch.finishAndReleaseAll();
        return snapshot;
    }

    @Test
    void everyTableMetricIsExportedWithItsTypeAndLabels() throws Exception {
        Snapshot snapshot = sampleSnapshot();
        PrometheusText prom = PrometheusText.parse(scrape(snapshot));

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

        // process level: reloads and the background topology check, unlabelled
        assertThat(prom.value("nutcracker_reloads_total")).isEqualTo(3);
        assertThat(prom.value("nutcracker_reload_failures_total")).isEqualTo(1);
        assertThat(prom.value("nutcracker_last_reload_timestamp_seconds")).isEqualTo(1_795_695_100);
        assertThat(prom.value("nutcracker_last_reload_failed")).isEqualTo(1);
        assertThat(prom.value("nutcracker_topology_interval_seconds")).isEqualTo(5);
        assertThat(prom.value("nutcracker_topology_checks_total")).isEqualTo(7);
        assertThat(prom.value("nutcracker_topology_last_check_timestamp_seconds")).isEqualTo(1_795_695_000);
        assertThat(prom.value("nutcracker_topology_mispaired")).isEqualTo(1);
        assertThat(prom.value("nutcracker_topology_links_down")).isEqualTo(2);
        assertThat(prom.value("nutcracker_topology_unreachable")).isEqualTo(3);
        assertThat(prom.value("nutcracker_topology_problems")).isEqualTo(6);
        // miss share per pool in force only
        assertThat(prom.value("nutcracker_topology_miss_ratio", "pool", "alpha")).isEqualTo(0.5);
        assertThat(prom.samples).filteredOn(x -> x.name().equals("nutcracker_topology_miss_ratio")).hasSize(1);
        // replication-aware reads: marks, per-member verdicts of pools in force, per-pool read counts
        assertThat(prom.value("nutcracker_replicas_unreadable")).isEqualTo(2);
        assertThat(prom.value("nutcracker_replica_marks_total")).isEqualTo(4);
        assertThat(prom.value("nutcracker_server_unreadable", "pool", "alpha", "server", "a1")).isEqualTo(1);
        assertThat(prom.value("nutcracker_server_unreadable", "pool", "alpha", "server", "a2")).isEqualTo(0);
        assertThat(prom.value("nutcracker_server_replica_lag_seconds", "pool", "alpha", "server", "a1")).isEqualTo(12);
        assertThat(prom.samples).filteredOn(x -> x.name().equals("nutcracker_server_unreadable")).hasSize(2);
        assertThat(prom.value("nutcracker_unreadable_reads_total", "pool", "alpha")).isEqualTo(2);
        assertThat(prom.value("nutcracker_miss_retries_total", "pool", "alpha")).isEqualTo(1);
        assertThat(prom.value("nutcracker_miss_retry_hits_total", "pool", "alpha")).isEqualTo(1);
        // and the stats JSON's totals over pools
        assertThat(snapshot.get(Metric.TOTAL_UNREADABLE_READS)).isEqualTo(2);
        assertThat(snapshot.get(Metric.TOTAL_MISS_RETRIES)).isEqualTo(1);
        assertThat(snapshot.get(Metric.TOTAL_MISS_RETRY_HITS)).isEqualTo(1);
        assertThat(snapshot.get(Metric.REPLICAS_UNREADABLE)).isEqualTo(2);
    }

    @Test
    void withoutReloadsOrTopologyTheProcessValuesAreZero() throws Exception {
        PoolStats pool = new PoolStats("alpha", List.of("a1"));
        Snapshot snapshot = new StatsAggregator(() -> List.of(pool), () -> ProcessStats.NONE).aggregate();
        PrometheusText prom = PrometheusText.parse(scrape(snapshot));
        assertThat(prom.value("nutcracker_reloads_total")).isZero();
        assertThat(prom.value("nutcracker_last_reload_timestamp_seconds")).isZero();
        assertThat(prom.value("nutcracker_last_reload_failed")).isZero();
        assertThat(prom.value("nutcracker_topology_interval_seconds")).isZero();
        assertThat(prom.value("nutcracker_topology_checks_total")).isZero();
        assertThat(prom.samples).noneMatch(x -> x.name().equals("nutcracker_topology_miss_ratio"));
    }

    static String scrape(Snapshot snapshot) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out,
                new PrometheusCollector(() -> snapshot, () -> 42, "host-1").collect());
        return out.toString(StandardCharsets.UTF_8);
    }
}
