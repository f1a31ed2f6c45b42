package io.jnutcracker.topology;

import static io.jnutcracker.topology.SeedLayouts.H1;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.config.ProxyConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background check's counters, from one check at a time (no thread: {@code checkNow}). */
class TopologyMonitorTest {
    @TempDir
    Path dir;

    private ProxyConfig detail01(String readPoolKey) {
        String text = SeedLayouts.read(SeedLayouts.DETAIL01).replace(" redis: true\n servers:",
                " redis: true\n" + readPoolKey + " servers:");
        return SeedLayouts.load(SeedLayouts.write(dir, "detail01.yml", text)).get(0);
    }

    @Test
    void offWithoutTheKey() {
        assertThat(TopologyMonitor.of(detail01(""), SeedLayouts.asWritten())).isSameAs(TopologyMonitor.OFF);
        assertThat(TopologyMonitor.OFF.status()).isEqualTo(TopologyStatus.DISABLED);
        assertThat(TopologyMonitor.OFF.checkNow()).isEqualTo(TopologyStatus.DISABLED);
        assertThat(TopologyStatus.DISABLED.clear()).isFalse();
    }

    @Test
    void countsTheSeedsMisPairingOnlyInThePoolThatAsked() {
        TopologyMonitor m = TopologyMonitor.of(detail01(" jn_verify_interval: 5\n"),
                SeedLayouts.asWritten().unreachable(H1 + ":6402")); // the master pool's problem is not counted
        assertThat(m.status().enabled()).isTrue();
        assertThat(m.status().checksRun()).isZero();

        TopologyStatus s = m.checkNow();

        assertThat(s.intervalSeconds()).isEqualTo(5);
        assertThat(s.checksRun()).isEqualTo(1);
        assertThat(s.lastCheckMillis()).isPositive();
        assertThat(s.misPairings()).isEqualTo(1);
        assertThat(s.problems()).isEqualTo(1);
        assertThat(s.unreachable()).isZero();
        assertThat(s.linksDown()).isZero();
        assertThat(s.clear()).isFalse();
        // line 19: the key added above the servers moved it down one
        assertThat(s.problemTexts()).singleElement().asString().endsWith(
                "detail01.yml:19: mis-paired: redis-slave's redis02 (192.168.99.11:6405) replicates 192.168.99.11:6401"
                        + " (redis-master's redis01), not redis-master's redis02 (192.168.99.11:6402)");
        assertThat(m.checkNow().checksRun()).isEqualTo(2);
    }

    @Test
    void countsLinksDownAndUnreachableMembers() {
        FakeRedis redis = SeedLayouts.asWritten().replicaLinkLost(H1 + ":6403", H1 + ":6401")
                .unreachable(H1 + ":6405");
        TopologyStatus s = TopologyMonitor.of(detail01(" jn_verify_interval: 1\n"), redis).checkNow();

        assertThat(s.linksDown()).isEqualTo(1);
        assertThat(s.unreachable()).isEqualTo(1);
        assertThat(s.misPairings()).isZero(); // 6405 does not answer: its pairing is not known
    }
}
