package io.jnutcracker.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each Distribution over one fixed pool; the exhaustive switch makes a new entry need expectations. */
class DistributionTest {
    /** Servers 3 and 8 (pool indexes), weights 1 and 3. */
    private static final List<ContinuumNode> LIVE = List.of(
            new ContinuumNode(3, "redis01", 1), new ContinuumNode(8, "redis02", 3));
    private static final int[] HASHES = {0, 1, 2, 3, 4, 5, 0x7fffffff, 0x80000000, 0xffffffff};

    /** A model of where each distribution puts a hash, or null where it is random. */
    static IntUnaryOperator model(Distribution d) {
        return switch (d) {
            // Linear scan of the md5 words of "redis01-i" and "redis02-i", sorted unsigned.
            case KETAMA -> hash -> ketamaModel(hash);
            // Slots [3, 8, 8, 8]: unsigned hash % 4.
            case MODULA -> hash -> new int[] {3, 8, 8, 8}[(int) (Integer.toUnsignedLong(hash) % 4)];
            case RANDOM -> null;
        };
    }

    @ParameterizedTest
    @EnumSource(Distribution.class)
    void placesAsTheModelDoes(Distribution d) {
        Continuum continuum = d.build(LIVE, new SplittableRandom(1));
        IntUnaryOperator model = model(d);
        for (int hash : HASHES) {
            int server = continuum.dispatch(hash);
            assertThat(server).isIn(3, 8);
            if (model != null) {
                assertThat(server).as("%s hash %x", d, hash).isEqualTo(model.applyAsInt(hash));
            }
        }
    }

    @Test
    void modulaModelPinsTheUnsignedSlots() {
        IntUnaryOperator modula = model(Distribution.MODULA);
        assertThat(Arrays.stream(HASHES).map(modula).toArray()).containsExactly(3, 8, 8, 8, 3, 8, 8, 3, 8);
    }

    private static int ketamaModel(int hash) {
        List<long[]> points = new ArrayList<>(); // {unsigned value, owner}
        for (ContinuumNode node : LIVE) {
            int n = Ketama.points(node.weight(), 4, LIVE.size());
            for (int i = 0; i < n / 4; i++) {
                for (int a = 0; a < 4; a++) {
                    byte[] name = (node.name() + "-" + i).getBytes(StandardCharsets.US_ASCII);
                    points.add(new long[] {Integer.toUnsignedLong(Ketama.hash(name, a)), node.serverIndex()});
                }
            }
        }
        points.sort(Comparator.comparingLong(p -> p[0]));
        for (long[] p : points) {
            if (p[0] >= Integer.toUnsignedLong(hash)) {
                return (int) p[1];
            }
        }
        return (int) points.get(0)[1];
    }

    @ParameterizedTest
    @EnumSource(Distribution.class)
    void aSingleServerOwnsEveryHash(Distribution d) {
        Continuum continuum = d.build(List.of(new ContinuumNode(6, "only", 5)));
        for (int hash : HASHES) {
            assertThat(continuum.dispatch(hash)).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @EnumSource(Distribution.class)
    void rejectsNoLiveServersAndBadWeights(Distribution d) {
        assertThatThrownBy(() -> d.build(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.build(List.of(new ContinuumNode(0, "a", 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Distribution.class)
    void isFoundByItsConfigName(Distribution d) {
        assertThat(Distribution.byName(d.configName())).contains(d);
        assertThat(d.usesHash()).isEqualTo(d != Distribution.RANDOM);
    }
}
