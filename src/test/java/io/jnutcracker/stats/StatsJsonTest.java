package io.jnutcracker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.topology.TopologyStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link StatsJson} writes nutcracker's document byte for byte, with our process-level fields
 * between nutcracker's header and the pools.
 */
class StatsJsonTest {
    private static final ProcessStats PROCESS = new ProcessStats(3, 1, 1_795_695_100_999L,
            "conf.yml:3: directive \"hash\" is not a valid hash",
            new TopologyStatus(true, 5, 7, 1_795_695_000_123L, 1, 2, 3, 6, Map.of("alpha", 0.5), List.of("p")));

    /** What {@link #PROCESS} adds after {@code curr_connections}, in nutcracker's spacing. */
    private static final String PROCESS_FIELDS = ", \"reloads\":3, \"reload_failures\":1, \"last_reload\":1795695100, "
            + "\"last_reload_error\":\"conf.yml:3: directive \\\"hash\\\" is not a valid hash\", "
            + "\"topology_interval\":5, \"topology_checks\":7, \"topology_last_check\":1795695000, "
            + "\"topology_mispaired\":1, \"topology_links_down\":2, \"topology_unreachable\":3, "
            + "\"topology_problems\":6, \"replicas_unreadable\":0, \"replica_marks\":0, \"unreadable_reads\":0, "
            + "\"miss_retries\":0, \"miss_retry_hits\":0";

    @Test
    void sameValuesGiveTheRecordedBytesWithOurFieldsAfterTheHeader() throws Exception {
        StatsDocument nc = StatsDocument.recorded();
        List<Snapshot.Pool> pools = new ArrayList<>();
        for (String pool : nc.poolNames()) {
            long[] values = new long[Metric.slots(Metric.Scope.POOL)];
            for (Metric m : Metric.of(Metric.Scope.POOL)) {
                if (m.nutcracker()) {
                    values[m.slot()] = nc.poolValue(pool, m.jsonName());
                }
            }
            List<Snapshot.Server> servers = new ArrayList<>();
            for (String server : nc.serverNames(pool)) {
                long[] sv = new long[Metric.slots(Metric.Scope.SERVER)];
                for (Metric m : Metric.of(Metric.Scope.SERVER)) {
                    if (m.nutcracker()) {
                        sv[m.slot()] = nc.serverValue(pool, server, m.jsonName());
                    }
                }
                servers.add(new Snapshot.Server(server, sv, 0, 0, 0, 0));
            }
            pools.add(new Snapshot.Pool(pool, values, new long[LoopStats.UNKNOWN_COMMAND + 1], servers));
        }
        long[] top = new long[Metric.slots(Metric.Scope.TOP)];
        top[Metric.TOTAL_CONNECTIONS.slot()] = nc.topValue("total_connections");
        top[Metric.CURR_CONNECTIONS.slot()] = nc.topValue("curr_connections");
        String ours = StatsJson.render(new Snapshot(0, top, pools, PROCESS), (String) nc.top.get("source"),
                nc.topValue("uptime"), nc.topValue("timestamp"));
        // nutcracker's bytes, with ours inserted right after curr_connections' value
        int headerEnd = nc.text.indexOf(", ", nc.text.indexOf("\"curr_connections\":"));
        assertThat(ours).isEqualTo(nc.text.substring(0, headerEnd) + PROCESS_FIELDS + nc.text.substring(headerEnd));

        StatsDocument doc = StatsDocument.parse(ours);
        assertThat(doc.headerNames()).isEqualTo(StatsDocument.expectedHeaderNames());
        assertThat(doc.poolNames()).isEqualTo(nc.poolNames());
        assertThat(doc.topText("last_reload_error")).isEqualTo("conf.yml:3: directive \"hash\" is not a valid hash");
    }

    @Test
    void withoutReloadsOrTopologyOurFieldsAreZeroAndEmpty() throws Exception {
        Snapshot s = new Snapshot(0, new long[Metric.slots(Metric.Scope.TOP)], List.of(), ProcessStats.NONE);
        String text = StatsJson.render(s, "host", 1, 2);
        assertThat(text).isEqualTo("{\"service\":\"nutcracker\", \"source\":\"host\", \"version\":\"0.5.0\", "
                + "\"uptime\":1, \"timestamp\":2, \"total_connections\":0, \"curr_connections\":0, "
                + "\"reloads\":0, \"reload_failures\":0, \"last_reload\":0, \"last_reload_error\":\"\", "
                + "\"topology_interval\":0, \"topology_checks\":0, \"topology_last_check\":0, "
                + "\"topology_mispaired\":0, \"topology_links_down\":0, \"topology_unreachable\":0, "
                + "\"topology_problems\":0, \"replicas_unreadable\":0, \"replica_marks\":0, \"unreadable_reads\":0, "
                + "\"miss_retries\":0, \"miss_retry_hits\":0}\n");
    }

    @Test
    void anErrorTextWithNewlinesAndQuotesStaysOneJsonString() throws Exception {
        String error = "a.yml:2: bad \"x\"\n\tat line\\2";
        Snapshot s = new Snapshot(0, new long[Metric.slots(Metric.Scope.TOP)], List.of(),
                new ProcessStats(1, 1, 1000, error, TopologyStatus.DISABLED));
        StatsDocument doc = StatsDocument.parse(StatsJson.render(s, "host", 1, 2));
        assertThat(doc.topText("last_reload_error")).isEqualTo(error);
        assertThat(doc.topValue("last_reload")).isEqualTo(1);
        assertThat(doc.text.lines().count()).isEqualTo(1);
    }

    @Test
    void namesAreEscapedSoTheDocumentStaysJson() throws Exception {
        long[] sv = new long[Metric.slots(Metric.Scope.SERVER)];
        Snapshot s = new Snapshot(0, new long[Metric.slots(Metric.Scope.TOP)], List.of(new Snapshot.Pool(
                "p\"1\\", new long[Metric.slots(Metric.Scope.POOL)], new long[LoopStats.UNKNOWN_COMMAND + 1],
                List.of(new Snapshot.Server("s\t1", sv, 0, 0, 0, 0)))));
        StatsDocument doc = StatsDocument.parse(StatsJson.render(s, "host", 1, 2));
        assertThat(doc.poolNames()).containsExactly("p\"1\\");
        assertThat(doc.serverNames("p\"1\\")).containsExactly("s\t1");
        assertThat(doc.text).endsWith("}}}\n");
        assertThat((Map<String, Object>) doc.top).containsEntry("service", "nutcracker").containsEntry("version", "0.5.0");
    }
}
