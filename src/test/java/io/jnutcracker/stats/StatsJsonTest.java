package io.jnutcracker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StatsJson} writes nutcracker's document byte for byte. */
class StatsJsonTest {
    @Test
    void sameValuesGiveTheRecordedBytes() throws Exception {
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
        String ours = StatsJson.render(new Snapshot(0, top, pools), (String) nc.top.get("source"),
                nc.topValue("uptime"), nc.topValue("timestamp"));
        assertThat(ours).isEqualTo(nc.text);
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
