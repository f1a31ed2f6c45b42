package io.jnutcracker.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** nc_random.c: one slot per live server, weights and hash ignored (REFERENCE.md §2.5). */
class RandomDistributionTest {
    private static final List<ContinuumNode> LIVE = List.of(
            new ContinuumNode(2, "a", 100), new ContinuumNode(4, "b", 1), new ContinuumNode(6, "c", 1));

    @Test
    void picksUniformlyIgnoringWeights() {
        RandomDistribution random = RandomDistribution.build(LIVE, new SplittableRandom(42));
        int[] counts = new int[7];
        for (int n = 0; n < 30_000; n++) {
            counts[random.dispatch(0)]++;
        }
        // Weighted 100:1:1 would give server 2 about 29,400; uniform gives about 10,000 each.
        for (int server : new int[] {2, 4, 6}) {
            assertThat(counts[server]).as("server %d", server).isBetween(9_400, 10_600);
        }
        assertThat(counts[0] + counts[1] + counts[3] + counts[5]).isZero();
    }

    @Test
    void ignoresTheHashAndUsesTheInjectedSource() {
        int[] script = {1, 0, 2, 2, 1};
        List<Integer> bounds = new ArrayList<>();
        RandomGenerator scripted = new RandomGenerator() {
            private int next;

            @Override
            public long nextLong() {
                throw new AssertionError("only nextInt(bound) is expected");
            }

            @Override
            public int nextInt(int bound) {
                bounds.add(bound);
                return script[next++];
            }
        };
        RandomDistribution random = RandomDistribution.build(LIVE, scripted);
        int[] picks = new int[script.length];
        for (int n = 0; n < picks.length; n++) {
            picks[n] = random.dispatch(12345); // the same hash every time
        }
        assertThat(picks).containsExactly(4, 2, 6, 6, 4);
        assertThat(bounds).containsOnly(3); // one slot per live server, whatever the weights
    }
}
