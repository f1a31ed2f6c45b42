package io.jnutcracker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The metric table against what Debian's nutcracker 0.5.0 printed (tools/stats/record.py): the
 * {@code -D} text generated from the table, and the field names and order of a live stats dump.
 */
class MetricTableTest {
    @Test
    void describeStatsIsNutcrackersTextThenOurs() throws Exception {
        String recorded = StatsDocument.resource("nutcracker-0.5.0-D.txt");
        // The first three lines are the version block, which names the program.
        String nutcrackerPart = recorded.lines().skip(3).reduce("", (a, b) -> a + b + "\n");
        assertThat(Metric.describe()).startsWith(nutcrackerPart);
        String ours = Metric.describe().substring(nutcrackerPart.length());
        assertThat(ours)
                .startsWith("\njnutcracker stats (stats JSON, after curr_connections, and Prometheus endpoint):\n"
                        + "  reloads             \"# configuration reloads")
                .contains("  last_reload_error   \"why the last reload was not applied")
                .contains("  topology_unreachable \"# verified members that did not answer")
                .contains("\njnutcracker stats (Prometheus endpoint only):\n")
                .contains("  latency             \"request latency")
                .contains("  commands            \"# requests received, by command")
                .contains("  topology_miss       \"share of keys");
        // the process-level section lists exactly the table's jnutcracker-only top-level fields
        String processSection = ours.substring(0, ours.indexOf("\njnutcracker stats (Prometheus endpoint only)"));
        assertThat(processSection.lines().skip(2).map(l -> l.trim().split(" ")[0]).toList())
                .isEqualTo(ourTopLevelNames());
    }

    @Test
    void ourTopLevelFieldsAreTheProcessValuesInThisOrder() {
        // The stats JSON's fields after nutcracker's header: renaming one breaks operators' scripts.
        assertThat(ourTopLevelNames()).containsExactly("reloads", "reload_failures", "last_reload",
                "last_reload_error", "topology_interval", "topology_checks", "topology_last_check",
                "topology_mispaired", "topology_links_down", "topology_unreachable", "topology_problems",
                "replicas_unreadable", "replica_marks", "unreadable_reads", "miss_retries", "miss_retry_hits");
        for (Metric m : Metric.of(Metric.Scope.TOP)) {
            if (m.nutcracker()) {
                continue;
            }
            if (m.totalOf() != null) {
                // a total over pools: the same name as the pool metric, exported per pool on Prometheus
                assertThat(m.totalOf().scope()).as(m.name()).isEqualTo(Metric.Scope.POOL);
                assertThat(m.totalOf().jsonName()).as(m.name()).isEqualTo(m.jsonName());
                assertThat(m.prometheusName()).as(m.name()).isNull();
                continue;
            }
            assertThat(m.prometheusName()).as(m.name()).matches("nutcracker_[a-z_]+");
            // ProcessStats has a value for each (a missing case throws)
            if (m.type() == Metric.Type.ERROR_TEXT) {
                assertThat(ProcessStats.NONE.text(m)).as(m.name()).isEmpty();
            } else {
                assertThat(m.slot()).as(m.name()).isNotNegative();
                assertThat(ProcessStats.NONE.value(m)).as(m.name()).isZero();
            }
        }
    }

    @Test
    void headerPoolAndServerNamesAreInTheRecordedOrder() throws Exception {
        StatsDocument nc = StatsDocument.recorded();
        assertThat(names(Metric.Scope.TOP)).isEqualTo(nc.headerNames());
        for (String pool : nc.poolNames()) {
            assertThat(names(Metric.Scope.POOL)).isEqualTo(nc.poolMetricNames(pool));
            for (String server : nc.serverNames(pool)) {
                assertThat(names(Metric.Scope.SERVER)).isEqualTo(List.copyOf(nc.server(pool, server).keySet()));
            }
        }
    }

    @Test
    void slotsAreDenseAndUniquePerScope() {
        for (Metric.Scope scope : Metric.Scope.values()) {
            Set<Integer> slots = new HashSet<>();
            for (Metric m : Metric.of(scope)) {
                if (m.type().stored()) {
                    assertThat(slots.add(m.slot())).as(m.name()).isTrue();
                } else {
                    assertThat(m.slot()).isEqualTo(-1);
                }
            }
            assertThat(slots).hasSize(Metric.slots(scope));
            assertThat(slots).allMatch(s -> s >= 0 && s < Metric.slots(scope));
        }
    }

    @Test
    void everyPoolAndServerMetricHasADescriptionAndAPrometheusName() {
        for (Metric m : Metric.values()) {
            assertThat(m.description()).as(m.name()).isNotBlank();
            if (m.scope() != Metric.Scope.TOP) {
                assertThat(m.prometheusName()).as(m.name()).matches("nutcracker_[a-z_]+");
            }
        }
    }

    private static List<String> ourTopLevelNames() {
        return Metric.of(Metric.Scope.TOP).stream().filter(m -> !m.nutcracker()).map(Metric::jsonName).toList();
    }

    private static List<String> names(Metric.Scope scope) {
        return Metric.of(scope).stream().filter(Metric::nutcracker).map(Metric::jsonName).toList();
    }
}
