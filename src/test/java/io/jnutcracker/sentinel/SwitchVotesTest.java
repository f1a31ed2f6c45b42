package io.jnutcracker.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.sentinel.SwitchVotes.Verdict;
import io.jnutcracker.util.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The majority-or-confirmation rule, with a hand-driven clock. */
class SwitchVotesTest {
    private static final long WINDOW = TimeUnit.SECONDS.toNanos(10);

    private long now = 1_000_000_000L;
    private final Clock clock = new Clock() {
        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public long epochMicros() {
            return now / 1000;
        }
    };

    private final SwitchVotes votes = new SwitchVotes(3, WINDOW, clock);

    @Test
    void aMajorityOfSentinelsIsTrustedWithoutAQuery() {
        assertThat(votes.vote("s1", "redis01", "10.0.0.2:6379")).isEqualTo(Verdict.CONFIRM);
        assertThat(votes.vote("s2", "redis01", "10.0.0.2:6379")).isEqualTo(Verdict.TRUSTED);
        assertThat(votes.current("redis01")).isEqualTo("10.0.0.2:6379");
        assertThat(votes.vote("s3", "redis01", "10.0.0.2:6379")).isEqualTo(Verdict.CURRENT);
    }

    @Test
    void oneSentinelAloneNeedsConfirmationAndDoesNotMoveTheMaster() {
        votes.confirmed("redis01", "10.0.0.1:6379");
        assertThat(votes.vote("s1", "redis01", "10.0.0.9:6379")).isEqualTo(Verdict.CONFIRM);
        assertThat(votes.current("redis01")).isEqualTo("10.0.0.1:6379");
        // the same Sentinel repeating itself is still one vote
        assertThat(votes.vote("s1", "redis01", "10.0.0.9:6379")).isEqualTo(Verdict.CONFIRM);
        votes.confirmed("redis01", "10.0.0.9:6379");
        assertThat(votes.current("redis01")).isEqualTo("10.0.0.9:6379");
    }

    @Test
    void aSentinelsLatestVoteReplacesItsEarlierOne() {
        votes.vote("s1", "redis01", "10.0.0.2:6379");
        votes.vote("s1", "redis01", "10.0.0.3:6379");
        assertThat(votes.vote("s2", "redis01", "10.0.0.2:6379")).isEqualTo(Verdict.CONFIRM);
        assertThat(votes.vote("s3", "redis01", "10.0.0.3:6379")).isEqualTo(Verdict.TRUSTED);
    }

    @Test
    void votesOlderThanTheWindowDoNotAddUp() {
        votes.vote("s1", "redis01", "10.0.0.2:6379");
        now += WINDOW + 1;
        assertThat(votes.vote("s2", "redis01", "10.0.0.2:6379")).isEqualTo(Verdict.CONFIRM);
        now += 1;
        assertThat(votes.vote("s3", "redis01", "10.0.0.2:6379")).isEqualTo(Verdict.TRUSTED);
    }

    @Test
    void mastersAreCountedApart() {
        votes.vote("s1", "redis01", "10.0.0.2:6379");
        assertThat(votes.vote("s2", "redis02", "10.0.0.2:6379")).isEqualTo(Verdict.CONFIRM);
        assertThat(votes.current("redis02")).isNull();
    }

    @Test
    void withTwoSentinelsBothAreAMajority() {
        SwitchVotes two = new SwitchVotes(2, WINDOW, clock);
        assertThat(two.vote("s1", "m", "a:1")).isEqualTo(Verdict.CONFIRM);
        assertThat(two.vote("s2", "m", "a:1")).isEqualTo(Verdict.TRUSTED);
    }
}
