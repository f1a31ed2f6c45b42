package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The README's main job, end to end: {@code bin/jnutcracker-lab --check-only} starts the seed's
 * topology on loopback with jnutcracker in front and runs the write-up's check in both data centres;
 * {@code --as-written} shows the seed's mis-paired read pools missing keys.
 */
class LabIT {
    @Test
    void intendedLayoutPassesTheWriteUpsCheckInBothDataCentres() throws Exception {
        LauncherIT.Result r = LauncherIT.run("bin/jnutcracker-lab", "--check-only");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("detail01 (127.0.99.11:1112): 5 of 5 written keys found, 0 missed")
                .contains("detail02 (127.0.99.12:1112): 5 of 5 written keys found, 0 missed")
                .contains("127.0.99.12:1112> get k1\n\"v1\"");
    }

    @Test
    void asWrittenLayoutMissesKeysInEachDataCentre() throws Exception {
        LauncherIT.Result r = LauncherIT.run("bin/jnutcracker-lab", "--as-written", "--check-only");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("detail01 (127.0.99.11:1112): 3 of 5 written keys found, 2 missed (hello hello1)")
                .contains("detail02 (127.0.99.12:1112): 2 of 5 written keys found, 3 missed (k1 p1 product)");
    }
}
