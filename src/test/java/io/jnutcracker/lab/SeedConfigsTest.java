package io.jnutcracker.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's proxy configs come from the seed's own files, line for line, on loopback only. */
class SeedConfigsTest {
    private static List<String> seed(String dc) throws Exception {
        return Files.readAllLines(Path.of("docs/seed/" + dc + ".nutcracker.yml"));
    }

    @Test
    void asWrittenKeepsTheSeedsMembersAndTheLinesCheckNames() throws Exception {
        List<String> d01 = SeedConfigs.derive(seed("detail01"), DataCentre.DETAIL01, Layout.AS_WRITTEN).lines().toList();
        List<String> d02 = SeedConfigs.derive(seed("detail02"), DataCentre.DETAIL02, Layout.AS_WRITTEN).lines().toList();
        // README and LAB.md quote these lines as `jnutcracker check` names them.
        assertThat(d01.get(19 - 1)).isEqualTo("  - 127.0.99.11:6405:1 redis02");
        assertThat(d02.get(9 - 1)).isEqualTo("  - 127.0.99.11:6404:1 redis01");
        assertThat(d01).contains("  listen: 127.0.99.11:1111", " listen: 127.0.99.11:1112");
        assertThat(d02).contains(" listen: 127.0.99.12:1112").noneMatch(l -> l.contains("192.168.99.1"));
    }

    @Test
    void intendedMovesOnlyTheReadPoolsMembersKeepingNamesAndWeights() throws Exception {
        String d02 = SeedConfigs.derive(seed("detail02"), DataCentre.DETAIL02, Layout.INTENDED);
        assertThat(d02).contains("  - 127.0.99.12:6405:1 redis01\n  - 127.0.99.12:6406:1 redis02\n");
        String d01 = SeedConfigs.derive(seed("detail01"), DataCentre.DETAIL01, Layout.INTENDED);
        assertThat(d01).contains("   - 127.0.99.11:6401:1 redis01", "  - 127.0.99.11:6405:1 redis01",
                "  - 127.0.99.11:6406:1 redis02");
    }

    @Test
    void aMemberTheLayoutCannotFindIsAnError() {
        List<String> changed = List.of("redis-slave:", " listen: 127.0.0.1:1112", " servers:",
                "  - 192.168.99.11:6404:1 other");
        assertThatThrownBy(() -> SeedConfigs.derive(changed, DataCentre.DETAIL02, Layout.INTENDED))
                .isInstanceOf(LabException.class).hasMessageContaining("not applied");
    }

    @Test
    void anAddressOutsideLoopbackIsRefused(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("seed.yml");
        Files.writeString(seed, "redis-slave:\n listen: 127.0.0.1:1112\n servers:\n  - 10.0.0.5:6404:1 redis01\n");
        assertThatThrownBy(() -> SeedConfigs.write(seed, DataCentre.DETAIL02, Layout.AS_WRITTEN, dir.resolve("out.yml")))
                .isInstanceOf(LabException.class).hasMessageContaining("non-loopback");
        assertThat(dir.resolve("out.yml")).doesNotExist();
    }

    @Test
    void repliesPrintAsRedisCliPrintsThem() {
        assertThat(RedisCli.quote("v1")).isEqualTo("\"v1\"");
        assertThat(RedisCli.quote("a\"b\\\n\u0001")).isEqualTo("\"a\\\"b\\\\\\n\\x01\"");
    }
}
