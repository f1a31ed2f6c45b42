package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The README's main job, end to end: {@code bin/jnutcracker-lab --check-only} starts the seed's
 * topology on loopback with jnutcracker in front and runs the write-up's check in both data centres;
 * {@code --as-written} shows the seed's mis-paired read pools missing keys. Both run
 * {@code jnutcracker check} first: all clear for the intended layout, the two mis-paired members named
 * as written.
 */
class LabIT {
    @Test
    void intendedLayoutPassesTheWriteUpsCheckInBothDataCentres() throws Exception {
        LauncherIT.Result r = LauncherIT.run("bin/jnutcracker-lab", "--check-only");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("detail01 (127.0.99.11:1112): 5 of 5 written keys found, 0 missed")
                .contains("detail02 (127.0.99.12:1112): 5 of 5 written keys found, 0 missed")
                .contains("127.0.99.12:1112> get k1\n\"v1\"")
                .contains("ALL CLEAR: every read pool lines up with its master pool")
                .contains("verdict: jnutcracker check: all clear, as it must be for the intended layout");
    }

    @Test
    void asWrittenLayoutMissesKeysInEachDataCentre() throws Exception {
        LauncherIT.Result r = LauncherIT.run("bin/jnutcracker-lab", "--as-written", "--check-only");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("detail01 (127.0.99.11:1112): 3 of 5 written keys found, 2 missed (hello hello1)")
                .contains("detail02 (127.0.99.12:1112): 2 of 5 written keys found, 3 missed (k1 p1 product)")
                // jnutcracker check, before the proxies ran, named the two mis-paired members
                .contains("lab/run/detail01.yml:19: - 127.0.99.11:6405:1 redis02 → use a replica of redis02's master"
                        + " 127.0.99.11:6402")
                .contains("lab/run/detail02.yml:9: - 127.0.99.11:6404:1 redis01 → use a replica of redis01's master"
                        + " 127.0.99.11:6401")
                .contains("verdict: jnutcracker check: found the problems, on exactly the mis-paired members' lines");
    }
}
