package io.jnutcracker.topology;

import static io.jnutcracker.topology.SeedLayouts.DETAIL01;
import static io.jnutcracker.topology.SeedLayouts.DETAIL02;
import static io.jnutcracker.topology.SeedLayouts.H1;
import static io.jnutcracker.topology.SeedLayouts.H2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check's logic on the seed's own files (docs/seed) with replication as the write-up shows it,
 * and on variants: pairing, the line to change, the predicted misses. Replication comes from
 * {@link FakeRedis}; nothing is contacted.
 */
class TopologyCheckTest {
    @TempDir
    Path dir;

    @Test
    void seedAsWrittenFlagsExactlyTheTwoWrongMembers() {
        TopologyReport r = SeedLayouts.check(SeedLayouts.asWritten(), DETAIL01, DETAIL02);

        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(Problem::where).containsOnly(DETAIL01 + ":18", DETAIL02 + ":8");
        assertThat(r.problems()).extracting(Problem::member).containsOnly("redis02", "redis01");

        Problem d1 = r.problems().get(0);
        assertThat(d1.kind()).isEqualTo(ProblemKind.MIS_PAIRED);
        assertThat(d1.lineText()).isEqualTo("- 192.168.99.11:6405:1 redis02");
        assertThat(d1.message()).startsWith("redis-slave's redis02 (192.168.99.11:6405) replicates"
                + " 192.168.99.11:6401 (redis-master's redis01), not redis-master's redis02 (192.168.99.11:6402)");
        assertThat(d1.fix()).isEqualTo("use a replica of redis02's master 192.168.99.11:6402");
        // 6404 replicates 6402 and is on detail01's host; no pool of detail01 uses it
        assertThat(d1.replacement()).isEqualTo("- 192.168.99.11:6404:1 redis02");

        List<Problem> d2 = r.problems().subList(1, r.problems().size());
        assertThat(d2).extracting(Problem::kind).containsExactly(ProblemKind.MIS_PAIRED, ProblemKind.NOT_LOCAL);
        assertThat(d2.get(0).lineText()).isEqualTo("- 192.168.99.11:6404:1 redis01");
        assertThat(d2.get(0).fix()).isEqualTo("use a replica of redis01's master 192.168.99.11:6401");
        // no replica of 6401 on detail02's host yet: say what is needed
        assertThat(d2.get(0).replacement()).isEqualTo("- <a replica of 192.168.99.11:6401 on 192.168.99.12>:1 redis01");
        assertThat(d2.get(1).message()).contains("is on 192.168.99.11, not on this proxy's host 192.168.99.12");
    }

    @Test
    void seedAsWrittenMissesRoughlyHalfInEachDataCentreAndEachKeyInExactlyOne() {
        TopologyReport r = SeedLayouts.check(SeedLayouts.asWritten(), DETAIL01, DETAIL02);

        PoolReport d1 = pool(r, DETAIL01, "redis-slave");
        PoolReport d2 = pool(r, DETAIL02, "redis-slave");
        assertThat(d1.master()).isEqualTo(new PoolRef(DETAIL01, "redis-master"));
        assertThat(d2.master()).isEqualTo(new PoolRef(DETAIL01, "redis-master"));
        assertThat(d1.miss().share()).isBetween(0.35, 0.65);
        assertThat(d2.miss().share()).isBetween(0.35, 0.65);
        // same sample keys, same placement: detail01 misses redis02's keys, detail02 redis01's
        assertThat(d1.miss().share() + d2.miss().share()).isCloseTo(1.0, within(1e-9));
        assertThat(d1.miss().missesByMember()[0]).isZero();
        assertThat(d2.miss().missesByMember()[1]).isZero();
        assertThat(d1.miss().unknown()).isZero();
    }

    @Test
    void seedAsWrittenReportNamesTheLineAndTheFix() {
        TopologyReport r = SeedLayouts.check(SeedLayouts.asWritten(), DETAIL01, DETAIL02);
        StringWriter text = new StringWriter();
        ReportText.print(r, new PrintWriter(text));

        assertThat(text.toString())
                .contains("docs/seed/detail01.nutcracker.yml:18: - 192.168.99.11:6405:1 redis02"
                        + " → use a replica of redis02's master 192.168.99.11:6402")
                .contains("    replace with: - 192.168.99.11:6404:1 redis02")
                .contains("docs/seed/detail02.nutcracker.yml:8: - 192.168.99.11:6404:1 redis01"
                        + " → use a replica of redis01's master 192.168.99.11:6401")
                .contains("redis02  192.168.99.11:6405  replica of 192.168.99.11:6401 = redis-master's redis01,"
                        + " link up, lag 0 s / 0 bytes  MIS-PAIRED")
                .containsPattern("PROBLEMS: 2 lines to change; predicted misses: redis-slave \\(docs/seed/detail01"
                        + "\\.nutcracker\\.yml\\) \\d\\d\\.\\d%, redis-slave \\(docs/seed/detail02\\.nutcracker\\.yml\\)"
                        + " \\d\\d\\.\\d%");
    }

    @Test
    void intendedLayoutIsAllClear() {
        Path d1 = SeedLayouts.write(dir, "detail01.yml", SeedLayouts.intended01());
        Path d2 = SeedLayouts.write(dir, "detail02.yml", SeedLayouts.intended02());
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d1, d2);

        assertThat(r.problems()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.notes()).isEmpty();
        assertThat(pool(r, d1, "redis-slave").miss().misses()).isZero();
        assertThat(pool(r, d2, "redis-slave").miss().misses()).isZero();
        assertThat(pool(r, d2, "redis-slave").home()).isEqualTo(H2);
        assertThat(pool(r, d2, "redis-slave").members()).extracting(MemberReport::holds)
                .containsExactly("redis01", "redis02");
        assertThat(pool(r, d1, "redis-master").role()).isEqualTo(PoolRole.MASTER);
        assertThat(ReportText.verdict(r)).isEqualTo("ALL CLEAR: every read pool lines up with its master pool");
    }

    @Test
    void swappedNamesAreFixedByRenaming() {
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01()
                .replace("6405:1 redis01", "6405:1 redis02").replace("6406:1 redis02", "6406:1 redis01"));
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d1);

        assertThat(r.problems()).extracting(Problem::kind).containsOnly(ProblemKind.MIS_PAIRED);
        assertThat(r.problems()).extracting(Problem::replacement)
                .containsExactlyInAnyOrder("- 192.168.99.11:6405:1 redis01", "- 192.168.99.11:6406:1 redis02");
        assertThat(r.problems()).extracting(Problem::fix).allMatch(f -> f.startsWith("rename it redis0"));
        assertThat(pool(r, d1, "redis-slave").miss().share()).isEqualTo(1.0);
    }

    @Test
    void hashMismatchPointsAtTheHashLine() {
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01().replace(" hash: fnv1a_64\n redis: true\n servers:\n  - 192.168.99.11:6405",
                " hash: murmur\n redis: true\n servers:\n  - 192.168.99.11:6405").replace(" hash: fnv1a_64\n distribution: ketama\n redis: true\n servers:\n  - 192.168.99.11:6405",
                " hash: murmur\n distribution: ketama\n redis: true\n servers:\n  - 192.168.99.11:6405"));
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d1);

        assertThat(r.problems()).hasSize(1);
        Problem p = r.problems().get(0);
        assertThat(p.kind()).isEqualTo(ProblemKind.HASH);
        assertThat(p.where()).isEqualTo(d1 + ":13");
        assertThat(p.lineText()).isEqualTo("hash: murmur");
        assertThat(p.replacement()).isEqualTo("hash: fnv1a_64");
        assertThat(p.message()).contains("redis-master (" + d1 + ":2) with fnv1a_64");
        assertThat(pool(r, d1, "redis-slave").miss().share()).isBetween(0.2, 0.8);
    }

    @Test
    void distributionMismatch() {
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01().replace(
                " distribution: ketama\n redis: true\n servers:\n  - 192.168.99.11:6405",
                " distribution: modula\n redis: true\n servers:\n  - 192.168.99.11:6405"));
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d1);

        assertThat(r.problems()).extracting(Problem::kind, Problem::line, Problem::replacement)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ProblemKind.DISTRIBUTION, 14, "distribution: ketama"));
    }

    @Test
    void hashTagOnlyInTheReadPoolIsToBeDeleted() {
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01().replace(
                " redis: true\n servers:\n  - 192.168.99.11:6405", " redis: true\n hash_tag: \"{}\"\n servers:\n  - 192.168.99.11:6405"));
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d1);

        assertThat(r.problems()).hasSize(1);
        Problem p = r.problems().get(0);
        assertThat(p.kind()).isEqualTo(ProblemKind.HASH_TAG);
        assertThat(p.lineText()).isEqualTo("hash_tag: \"{}\"");
        assertThat(p.fix()).isEqualTo("delete this line");
        assertThat(p.message()).contains("uses hash_tag \"{}\", redis-master (" + d1 + ":2) uses no hash_tag");
    }

    @Test
    void hashTagOnlyInTheMasterPoolIsToBeAdded() {
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01().replace(
                "  redis: true\n  servers:\n   - 192.168.99.11:6401", "  redis: true\n  hash_tag: \"{}\"\n  servers:\n   - 192.168.99.11:6401"));
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d1);

        assertThat(r.problems()).hasSize(1);
        Problem p = r.problems().get(0);
        assertThat(p.kind()).isEqualTo(ProblemKind.HASH_TAG);
        assertThat(p.lineText()).isEqualTo("redis-slave:");
        assertThat(p.fix()).isEqualTo("add \"hash_tag: \"{}\"\" to this pool");
    }

    @Test
    void weightMismatchIsFixedOnTheMembersLine() {
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01().replace("6406:1 redis02", "6406:2 redis02"));
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d1);

        assertThat(r.problems()).hasSize(1);
        Problem p = r.problems().get(0);
        assertThat(p.kind()).isEqualTo(ProblemKind.WEIGHT);
        assertThat(p.where()).isEqualTo(d1 + ":18");
        assertThat(p.replacement()).isEqualTo("- 192.168.99.11:6406:1 redis02");
        assertThat(pool(r, d1, "redis-slave").miss().share()).isGreaterThan(0.0);
    }

    @Test
    void nameUnknownToTheMasterPoolIsRenamedAfterTheDataItHolds() {
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01().replace("6406:1 redis02", "6406:1 redis2"));
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d1);

        assertThat(r.problems()).hasSize(1);
        Problem p = r.problems().get(0);
        assertThat(p.kind()).isEqualTo(ProblemKind.NAME_NOT_IN_MASTER);
        assertThat(p.message()).contains("redis-slave's redis2 (192.168.99.11:6406) is named unlike every member of"
                + " redis-master (redis01, redis02)");
        assertThat(p.fix()).isEqualTo("rename it redis02: it replicates redis-master's redis02");
        assertThat(p.replacement()).isEqualTo("- 192.168.99.11:6406:1 redis02");
    }

    @Test
    void unnamedMembersAreToBeNamed() {
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01().replace("6405:1 redis01", "6405:1")
                .replace("6406:1 redis02", "6406:1"));
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d1);

        assertThat(r.problems()).extracting(Problem::kind).containsOnly(ProblemKind.UNNAMED);
        assertThat(r.problems()).extracting(Problem::replacement)
                .containsExactly("- 192.168.99.11:6405:1 redis01", "- 192.168.99.11:6406:1 redis02");
    }

    @Test
    void memberCountMismatchAndTheMissingMember() {
        FakeRedis redis = SeedLayouts.intended().master(H1 + ":6407").replica(H1 + ":6408", H1 + ":6407");
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01().replace(
                "   - 192.168.99.11:6402:1 redis02\n", "   - 192.168.99.11:6402:1 redis02\n   - 192.168.99.11:6407:1 redis03\n"));
        TopologyReport r = SeedLayouts.check(redis, d1);

        assertThat(r.problems()).extracting(Problem::kind)
                .containsExactly(ProblemKind.MISSING_MEMBER, ProblemKind.MEMBER_COUNT);
        assertThat(r.problems().get(0).lineText()).isEqualTo("servers:");
        assertThat(r.problems().get(0).fix()).isEqualTo("add \"- 192.168.99.11:6408:1 redis03\" under servers:");
        assertThat(r.problems().get(1).message()).contains("has 2 members, redis-master (" + d1 + ":2) has 3");
    }

    @Test
    void linkDownIsReportedAndTheMemberStillPairs() {
        FakeRedis redis = SeedLayouts.intended().replicaLinkLost(H2 + ":6406", H1 + ":6402");
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01());
        Path d2 = SeedLayouts.write(dir, "d2.yml", SeedLayouts.intended02());
        TopologyReport r = SeedLayouts.check(redis, d1, d2);

        assertThat(r.problems()).extracting(Problem::kind, Problem::member)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ProblemKind.LINK_DOWN, "redis02"));
        assertThat(r.problems().get(0).message()).contains("reports its link to its master 192.168.99.11:6402 down for 42 s");
        assertThat(pool(r, d2, "redis-slave").miss().misses()).isZero();
    }

    @Test
    void unreachableMemberIsReportedWithAReplacementAndItsKeysAreUnknown() {
        FakeRedis redis = SeedLayouts.intended().unreachable(H1 + ":6406");
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01());
        TopologyReport r = SeedLayouts.check(redis, d1);

        assertThat(r.problems()).extracting(Problem::kind).containsExactly(ProblemKind.UNREACHABLE);
        assertThat(r.problems().get(0).message()).endsWith("does not answer: connection refused");
        assertThat(r.problems().get(0).replacement()).isEqualTo("- 192.168.99.11:6404:1 redis02");
        MissEstimate e = pool(r, d1, "redis-slave").miss();
        assertThat(e.misses()).isZero();
        assertThat(e.unknown()).isGreaterThan(0);
    }

    @Test
    void chainsOfReplicasAreFollowedToTheirMaster() {
        FakeRedis redis = SeedLayouts.intended().replica(H2 + ":6416", H1 + ":6406"); // -> .11:6406 -> 6402
        Path d2 = SeedLayouts.write(dir, "d2.yml", SeedLayouts.intended02().replace("6406:1 redis02", "6416:1 redis02"));
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01());
        TopologyReport r = SeedLayouts.check(redis, d1, d2);

        assertThat(r.problems()).isEmpty();
        MemberReport m = pool(r, d2, "redis-slave").members().get(1);
        assertThat(m.origin().chain()).extracting(Endpoint::toString)
                .containsExactly(H2 + ":6416", H1 + ":6406", H1 + ":6402");
        assertThat(m.origin().root()).isEqualTo(Endpoint.tcp(H1, 6402));
        assertThat(m.holds()).isEqualTo("redis02");
        assertThat(m.lag()).isEqualTo(new Lag(0, 0));
    }

    @Test
    void masterAddressAsConfiguredOnTheReplicaNeedNotReachItFromHere() {
        // .12:6405 was told "replicaof 10.99.0.11 6401" (6401's address on another network): the
        // checker cannot follow it, and pairs by replication ID instead
        FakeRedis redis = SeedLayouts.intended().replicaVia(H2 + ":6405", "10.99.0.11:6401", H1 + ":6401");
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01());
        Path d2 = SeedLayouts.write(dir, "d2.yml", SeedLayouts.intended02());
        TopologyReport r = SeedLayouts.check(redis, d1, d2);

        assertThat(r.problems()).isEmpty();
        MemberReport m = pool(r, d2, "redis-slave").members().get(0);
        assertThat(m.holds()).isEqualTo("redis01");
        assertThat(m.origin().root()).isNull();
        assertThat(r.notes()).anyMatch(n -> n.contains("its master 10.99.0.11:6401, as configured on "
                + H2 + ":6405, does not answer here"));
    }

    @Test
    void masterAddressThatLeadsToOtherDataIsNotFollowed() {
        // .11:6405 was told "replicaof 127.0.0.1 6401" (its own host's loopback); from the checker that
        // address is another server, with other data: the hop is not taken
        FakeRedis redis = SeedLayouts.intended().master("127.0.0.1:6401")
                .replicaVia(H1 + ":6405", "127.0.0.1:6401", H1 + ":6401");
        Path d1 = SeedLayouts.write(dir, "d1.yml", SeedLayouts.intended01());
        TopologyReport r = SeedLayouts.check(redis, d1);

        assertThat(r.problems()).isEmpty();
        assertThat(pool(r, d1, "redis-slave").members().get(0).holds()).isEqualTo("redis01");
        assertThat(r.notes()).anyMatch(n -> n.contains("leads here to a server with other data"));
    }

    @Test
    void readPoolAloneStillCatchesMembersReplicatingTheSameMaster() {
        TopologyReport r = SeedLayouts.check(SeedLayouts.asWritten(), DETAIL02);

        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(Problem::kind).contains(ProblemKind.SAME_SOURCE);
        assertThat(r.problems()).filteredOn(p -> p.kind() == ProblemKind.SAME_SOURCE).extracting(Problem::where)
                .containsExactly(DETAIL02 + ":8", DETAIL02 + ":9");
        assertThat(r.problems().get(0).message()).contains("redis-slave's redis01 and redis02 both replicate 192.168.99.11:6402");
        assertThat(pool(r, DETAIL02, "redis-slave").master()).isNull();
        assertThat(r.notes()).anyMatch(n -> n.contains("no master pool among the files checked"));
    }

    @Test
    void readPoolAloneInTheIntendedLayoutIsClearWithANote() {
        Path d2 = SeedLayouts.write(dir, "d2.yml", SeedLayouts.intended02());
        TopologyReport r = SeedLayouts.check(SeedLayouts.intended(), d2);

        assertThat(r.ok()).isTrue();
        assertThat(r.notes()).hasSize(1);
        assertThat(ReportText.verdict(r)).endsWith("(see the notes for what could not be checked)");
    }

    static PoolReport pool(TopologyReport r, Path file, String name) {
        return r.pools().stream().filter(p -> p.file().equals(file) && p.pool().name().equals(name)).findFirst()
                .orElseThrow();
    }
}
