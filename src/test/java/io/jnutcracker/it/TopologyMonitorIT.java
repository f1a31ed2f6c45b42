package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.Nutcracker;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.util.Clock;
import io.jnutcracker.stats.PrometheusText;
import io.jnutcracker.stats.StatsDocument;
import io.jnutcracker.topology.TopologyStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous verification in the running proxy ({@code jn_verify_interval}): a read pool with a
 * mis-paired member is counted as such, the count clears once the replica is re-pointed at the
 * right master (REPLICAOF, no restart), and a replica whose master dies is counted as a link down.
 * The same counts reach the stats port (top-level {@code topology_*} fields) and the Prometheus
 * endpoint. A proxy without the key runs no check at all.
 */
class TopologyMonitorIT {
    static final String H1 = "127.0.99.11";

    @TempDir
    Path dir;

    @Test
    void misPairingIsCountedThenClearsThenALinkDownIsCounted() throws Exception {
        try (Replication redis = new Replication()) {
            RedisServerProcess m1 = redis.master(H1);
            RedisServerProcess m2 = redis.master(H1);
            RedisServerProcess r1 = redis.replica(H1, m1);
            RedisServerProcess r2 = redis.replica(H1, m1); // should replicate m2
            redis.awaitLinksUp();
            Path conf = Files.writeString(dir.resolve("detail01.yml"), """
                    redis-master:
                      listen: %s:%d
                      redis: true
                      servers:
                       - %s:1 redis01
                       - %s:1 redis02
                    redis-slave:
                      listen: %s:%d
                      redis: true
                      jn_verify_interval: 1
                      servers:
                       - %s:1 redis01
                       - %s:1 redis02
                    """.formatted(H1, RedisServerProcess.freePort(H1), m1.address(), m2.address(),
                    H1, RedisServerProcess.freePort(H1), r1.address(), r2.address()));
            try (Nutcracker proxy = Nutcracker.start(ConfigLoader.load(conf), Clock.SYSTEM, 1)) {
                TopologyStatus s = await(proxy, st -> st.checksRun() >= 1);
                assertThat(s.enabled()).isTrue();
                assertThat(s.intervalSeconds()).isEqualTo(1);
                assertThat(s.misPairings()).isEqualTo(1);
                assertThat(s.linksDown()).isZero();
                assertThat(s.missShares().get("redis-slave")).isBetween(0.2, 0.8);
                assertThat(s.problemTexts()).singleElement().asString().contains(":13: mis-paired: redis-slave's redis02");

                assertThat(r2.command("REPLICAOF " + m2.host() + " " + m2.port())).isEqualTo("+OK");
                redis.awaitLinksUp();
                long before = s.checksRun();
                s = await(proxy, st -> st.checksRun() > before && st.clear());
                assertThat(s.misPairings()).isZero();
                assertThat(s.missShares().get("redis-slave")).isZero();

                m2.kill();
                s = await(proxy, st -> st.linksDown() > 0);
                assertThat(s.linksDown()).isEqualTo(1);
                assertThat(s.misPairings()).isZero();
                assertThat(s.problemTexts()).anyMatch(t -> t.contains("link-down: redis-slave's redis02"));
            }
        }
    }

    @Test
    void misPairingShowsInTheStatsJsonAndPrometheusThenClears() throws Exception {
        try (Replication redis = new Replication()) {
            RedisServerProcess m1 = redis.master(H1);
            RedisServerProcess m2 = redis.master(H1);
            RedisServerProcess r1 = redis.replica(H1, m1);
            RedisServerProcess r2 = redis.replica(H1, m1); // should replicate m2
            redis.awaitLinksUp();
            String yml = """
                    redis-master:
                      listen: %s:%d
                      redis: true
                      servers:
                       - %s:1 redis01
                       - %s:1 redis02
                    redis-slave:
                      listen: %s:%d
                      redis: true
                      jn_verify_interval: 1
                      servers:
                       - %s:1 redis01
                       - %s:1 redis02
                    """.formatted(H1, RedisServerProcess.freePort(H1), m1.address(), m2.address(),
                    H1, RedisServerProcess.freePort(H1), r1.address(), r2.address());
            long started = System.currentTimeMillis() / 1000;
            try (ProxyProcess proxy = ProxyProcess.startWithStats(yml, 50, true)) {
                StatsDocument doc = proxy.awaitStats(d -> d.topValue("topology_checks") >= 1, 15);
                assertThat(doc.headerNames()).isEqualTo(StatsDocument.expectedHeaderNames());
                assertThat(doc.topValue("topology_interval")).isEqualTo(1);
                assertThat(doc.topValue("topology_mispaired")).isEqualTo(1);
                assertThat(doc.topValue("topology_links_down")).isZero();
                assertThat(doc.topValue("topology_unreachable")).isZero();
                assertThat(doc.topValue("topology_problems")).isEqualTo(1);
                assertThat(doc.topValue("topology_last_check")).isBetween(started, System.currentTimeMillis() / 1000);

                PrometheusText prom = proxy.prometheus();
                assertThat(prom.value("nutcracker_topology_interval_seconds")).isEqualTo(1);
                assertThat(prom.value("nutcracker_topology_checks_total")).isGreaterThanOrEqualTo(1);
                assertThat(prom.value("nutcracker_topology_mispaired")).isEqualTo(1);
                assertThat(prom.value("nutcracker_topology_problems")).isEqualTo(1);
                assertThat(prom.value("nutcracker_topology_miss_ratio", "pool", "redis-slave")).isBetween(0.2, 0.8);
                assertThat(prom.samples).filteredOn(x -> x.name().equals("nutcracker_topology_miss_ratio"))
                        .hasSize(1); // only the verified read pool

                assertThat(r2.command("REPLICAOF " + m2.host() + " " + m2.port())).isEqualTo("+OK");
                redis.awaitLinksUp();
                long before = doc.topValue("topology_checks");
                doc = proxy.awaitStats(d -> d.topValue("topology_checks") > before
                        && d.topValue("topology_problems") == 0, 15);
                assertThat(doc.topValue("topology_mispaired")).isZero();
                assertThat(doc.topValue("topology_links_down")).isZero();
                assertThat(proxy.prometheus().value("nutcracker_topology_miss_ratio", "pool", "redis-slave")).isZero();
            }
        }
    }

    @Test
    void withoutTheKeyNothingRuns() throws Exception {
        try (RedisServerProcess m = RedisServerProcess.start(H1)) {
            Path conf = Files.writeString(dir.resolve("plain.yml"), """
                    alpha:
                      listen: %s:%d
                      redis: true
                      servers:
                       - %s:1 redis01
                    """.formatted(H1, RedisServerProcess.freePort(H1), m.address()));
            try (Nutcracker proxy = Nutcracker.start(ConfigLoader.load(conf), Clock.SYSTEM, 1)) {
                assertThat(proxy.topologyStatus()).isSameAs(TopologyStatus.DISABLED);
                assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("jn-topology"));
            }
        }
    }


    private static TopologyStatus await(Nutcracker proxy, Predicate<TopologyStatus> done) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        TopologyStatus s = proxy.topologyStatus();
        while (!done.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = proxy.topologyStatus();
        }
        assertThat(done.test(s)).as("status reached: " + s).isTrue();
        return s;
    }
}
