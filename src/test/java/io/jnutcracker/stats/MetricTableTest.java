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
        assertThat(Metric.describe().substring(nutcrackerPart.length()))
                .startsWith("\njnutcracker stats (Prometheus endpoint only):\n")
                .contains("  latency             \"request latency")
                .contains("  commands            \"# requests received, by command");
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

    private static List<String> names(Metric.Scope scope) {
        return Metric.of(scope).stream().filter(Metric::nutcracker).map(Metric::jsonName).toList();
    }
}
