package io.jnutcracker.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.util.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The mark/recover rule of {@code jn_max_replica_lag} ({@link ReplicaJudge}, {@link OffsetHistory}),
 * check by check, on an injected clock: link down marks at once, lag marks once the master has had
 * data the replica still lacks for longer than the bound, and either clears at the first check that
 * finds the replica up and caught up.
 */
class ReplicaJudgeTest {
    private static final int BOUND = 5;

    private long nanos = 1_000_000_000L;
    private final Clock clock = new Clock() {
        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public long epochMicros() {
            return nanos / 1000;
        }
    };
    private final ReplicaJudge judge = new ReplicaJudge(clock);

    private void advance(int seconds) {
        nanos += TimeUnit.SECONDS.toNanos(seconds);
    }

    private ReplicaVerdict check(ReplicationInfo info, long masterOffset) {
        long bytes = info == null || masterOffset < 0 ? -1 : Math.max(0, masterOffset - info.replicaOffset());
        return judge.judge("reads", "redis01", info, bytes, BOUND);
    }

    private static ReplicationInfo replica(String link, long offset) {
        return ReplicationInfo.parse("role:slave\nmaster_host:127.0.0.1\nmaster_port:6401\nmaster_link_status:" + link
                + "\nmaster_last_io_seconds_ago:1\n" + ("down".equals(link) ? "master_link_down_since_seconds:42\n" : "")
                + "slave_repl_offset:" + offset + "\nmaster_repl_offset:" + offset + "\nmaster_replid:abc\n");
    }

    @Test
    void aLinkDownMarksAtOnceAndTheFirstCheckWithTheLinkUpClearsIt() {
        assertThat(check(replica("up", 100), 100).unreadable()).isFalse();
        advance(1);
        ReplicaVerdict down = check(replica("down", 100), -1);
        assertThat(down.unreadable()).isTrue();
        assertThat(down.lagSeconds()).isEqualTo(42);
        assertThat(down.reason()).contains("link is down");
        advance(1);
        ReplicaVerdict back = check(replica("up", 500), 500);
        assertThat(back.unreadable()).isFalse();
        assertThat(back.lagSeconds()).isZero();
    }

    @Test
    void aReplicaStuckBehindIsMarkedOnceTheMasterHasHadDataItLacksForLongerThanTheBound() {
        assertThat(check(replica("up", 100), 100).lagSeconds()).isZero();
        advance(1);
        // the master moves on; the replica stays at 100 (its link is up and it acknowledges)
        ReplicaVerdict first = check(replica("up", 100), 200);
        assertThat(first.lagSeconds()).isZero(); // first seen behind now: no time has passed
        assertThat(first.unreadable()).isFalse();
        for (int s = 1; s <= BOUND; s++) {
            advance(1);
            ReplicaVerdict v = check(replica("up", 100), 200 + s);
            assertThat(v.lagSeconds()).isEqualTo(s);
            assertThat(v.unreadable()).as("at %d s, bound %d s", s, BOUND).isFalse();
        }
        advance(1);
        ReplicaVerdict over = check(replica("up", 100), 300);
        assertThat(over.lagSeconds()).isEqualTo(BOUND + 1);
        assertThat(over.unreadable()).isTrue();
        assertThat(over.reason()).contains("over jn_max_replica_lag 5 s");

        // it applies part of the backlog: it still lacks offset 204, first seen 3 s ago
        advance(1);
        ReplicaVerdict partial = check(replica("up", 203), 300);
        assertThat(partial.lagSeconds()).isEqualTo(3);
        assertThat(partial.unreadable()).isFalse();
        // caught up: readable, lag 0
        advance(1);
        ReplicaVerdict caughtUp = check(replica("up", 300), 300);
        assertThat(caughtUp.lagSeconds()).isZero();
        assertThat(caughtUp.unreadable()).isFalse();
    }

    @Test
    void aReplicaThatKeepsUpWithConstantWritesIsNeverBehind() {
        long offset = 1000;
        for (int s = 0; s < 100; s++) {
            advance(1);
            // read a moment apart: the master is always a little ahead of what the replica had applied
            assertThat(check(replica("up", offset), offset + 50).lagSeconds()).isZero();
            offset += 50;
        }
    }

    @Test
    void unknownLagNeverMarks() {
        assertThat(check(null, -1).unreadable()).isFalse();
        assertThat(check(null, -1).lagSeconds()).isEqualTo(-1);
        ReplicaVerdict noMaster = check(replica("up", 100), -1);
        assertThat(noMaster.unreadable()).isFalse();
        assertThat(noMaster.reason()).contains("unknown");
        ReplicaVerdict master = judge.judge("reads", "redis01",
                ReplicationInfo.parse("role:master\nmaster_repl_offset:5\n"), -1, BOUND);
        assertThat(master.unreadable()).isFalse();
    }

    @Test
    void aNewReplicationStreamForgetsTheOldOffsets() {
        check(replica("up", 100), 100);
        advance(1);
        check(replica("up", 100), 900);
        advance(BOUND + 5);
        assertThat(check(replica("up", 100), 900).unreadable()).isTrue();
        // a failover or full resync: offsets restart lower; the old history means nothing
        advance(1);
        ReplicaVerdict fresh = check(replica("up", 40), 50);
        assertThat(fresh.lagSeconds()).isZero();
        assertThat(fresh.unreadable()).isFalse();
    }

    @Test
    void aVeryLongLagKeepsItsOldestPointAndStaysBounded() {
        OffsetHistory h = new OffsetHistory();
        long start = nanos;
        for (int s = 0; s < OffsetHistory.MAX_SEEN * 3; s++) {
            assertThat(h.lagNanos(10, 100 + s, start + TimeUnit.SECONDS.toNanos(s)))
                    .isEqualTo(TimeUnit.SECONDS.toNanos(s));
        }
    }
}
