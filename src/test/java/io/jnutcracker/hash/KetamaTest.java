package io.jnutcracker.hash;

import static io.jnutcracker.hash.HashFunctionTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** nc_ketama.c: point counts, point hashes, ring order and lookup (REFERENCE.md §2.3). */
class KetamaTest {
    @ParameterizedTest(name = "weights {0} -> points {1}")
    @CsvSource(delimiter = ' ', value = {
        "1,1,1 160,160,160",
        "1,2 104,212",
        "1,3,2,5 56,172,116,288",
        "7,13,100,1,3 44,80,644,4,16",
        "100000,1 316,0",
        "1 160",
        "7,3 224,96",                   // float product: in double after a float pct it is 220
        "1,6,6,6,6 28,188,188,188,188", // all-double gives 32/192: 3 of 169 keys misplaced live

    })
    void pointsPerServerUseFloatArithmetic(String weights, String points) {
        int[] w = ints(weights);
        long total = Arrays.stream(w).asLongStream().sum();
        int[] actual = Arrays.stream(w).map(x -> Ketama.points(x, total, w.length)).toArray();
        assertThat(actual).containsExactly(ints(points));

        Ketama ring = Ketama.build(nodes(w));
        assertThat(ring.size()).isEqualTo(Arrays.stream(actual).sum());
        for (int s = 0; s < w.length; s++) {
            int server = s;
            long owned = java.util.stream.IntStream.range(0, ring.size()).filter(i -> ring.owner(i) == server).count();
            assertThat(owned).as("points of server %d", s).isEqualTo(actual[s]);
        }
    }

    /** From upstream src/test_all.c (libmemcached's ketama test). */
    @Test
    void ketamaHashOfAPointName() {
        assertThat(Integer.toUnsignedLong(Ketama.hash(bytes("server1-8"), 0))).isEqualTo(3853726576L);
        assertThat(Integer.toUnsignedLong(Ketama.hash(bytes("server1-8"), 3))).isEqualTo(2667054752L);
    }

    /** The ring holds exactly the four words of md5("<name>-<i>") for each i, sorted unsigned. */
    @Test
    void ringIsSortedMd5WordsOfPointNames() {
        Ketama ring = Ketama.build(List.of(new ContinuumNode(0, "server1", 1), new ContinuumNode(1, "server2", 1)));
        List<Long> expected = new ArrayList<>();
        for (String name : new String[] {"server1", "server2"}) {
            for (int i = 0; i < 40; i++) {
                for (int a = 0; a < 4; a++) {
                    expected.add(Integer.toUnsignedLong(Ketama.hash(bytes(name + "-" + i), a)));
                }
            }
        }
        expected.sort(null);
        List<Long> actual = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            actual.add(Integer.toUnsignedLong(ring.value(i)));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).contains(3853726576L, 2667054752L); // server1-8 is one of the names
    }

    @Test
    void dispatchFindsTheFirstPointAtOrAboveTheHashUnsigned() {
        // Points given out of order; two lie above 2^31 where signed comparison would misorder them.
        Ketama ring = Ketama.of(new int[] {0xf0000000, 100, 0x80000000, 5000}, new int[] {3, 0, 2, 1});
        assertThat(ring.dispatch(0)).isEqualTo(0);
        assertThat(ring.dispatch(100)).isEqualTo(0);          // equal to a point: that point
        assertThat(ring.dispatch(101)).isEqualTo(1);
        assertThat(ring.dispatch(5000)).isEqualTo(1);
        assertThat(ring.dispatch(5001)).isEqualTo(2);
        assertThat(ring.dispatch(0x7fffffff)).isEqualTo(2);
        assertThat(ring.dispatch(0x80000000)).isEqualTo(2);
        assertThat(ring.dispatch(0x80000001)).isEqualTo(3);
        assertThat(ring.dispatch(0xf0000000)).isEqualTo(3);
    }

    @Test
    void dispatchWrapsPastTheLastPointToTheFirst() {
        Ketama ring = Ketama.of(new int[] {0xf0000000, 100, 0x80000000}, new int[] {3, 0, 2});
        assertThat(ring.dispatch(0xf0000001)).isEqualTo(0);
        assertThat(ring.dispatch(0xffffffff)).isEqualTo(0);
    }

    /** A linear scan with unsigned longs agrees with the binary search on a real ring. */
    @Test
    void dispatchAgreesWithLinearScan() {
        Ketama ring = Ketama.build(nodes(new int[] {7, 13, 100, 1, 3}));
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 20_000; n++) {
            int hash = n < 4 ? new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}[n] : random.nextInt();
            int expected = ring.owner(0);
            for (int i = 0; i < ring.size(); i++) {
                if (Integer.toUnsignedLong(ring.value(i)) >= Integer.toUnsignedLong(hash)) {
                    expected = ring.owner(i);
                    break;
                }
            }
            assertThat(ring.dispatch(hash)).isEqualTo(expected);
        }
    }

    /** glibc's qsort (a merge sort) keeps equal values in insertion order; so must the ring. */
    @Test
    void equalPointsKeepInsertionOrder() {
        Ketama ring = Ketama.of(new int[] {50, 50, 50, 10}, new int[] {4, 5, 6, 7});
        assertThat(ring.dispatch(50)).isEqualTo(4);
        assertThat(ring.dispatch(11)).isEqualTo(4);
        assertThat(ring.dispatch(51)).isEqualTo(7);
    }

    @Test
    void usesServerIndexesNotListPositions() {
        Ketama ring = Ketama.build(List.of(new ContinuumNode(4, "a", 1), new ContinuumNode(9, "b", 1)));
        for (int i = 0; i < ring.size(); i++) {
            assertThat(ring.owner(i)).isIn(4, 9);
        }
    }

    /** 0.5.0 cuts point names to 272 bytes (its 273-byte buffer less the NUL) and logs it. */
    @Test
    void pointNamesAreCutTo272Bytes() {
        String name = "n".repeat(271);
        assertThat(Ketama.pointName(name, 5)).isEqualTo(bytes(name + "-"));
        assertThat(Ketama.pointName("n".repeat(269), 39)).isEqualTo(bytes("n".repeat(269) + "-39"));
    }

    /**
     * Live: node names sharing their first 272 bytes get identical points, and every key went to the
     * first server; equal points keep insertion order, as glibc's merge-sort qsort does.
     */
    @Test
    void identicalPointsFromLongNamesAllGoToTheFirstServer() {
        String prefix = "n".repeat(299);
        Ketama ring = Ketama.build(List.of(new ContinuumNode(0, prefix + "0", 1),
                new ContinuumNode(1, prefix + "1", 1), new ContinuumNode(2, prefix + "2", 1)));
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 1_000; n++) {
            assertThat(ring.dispatch(random.nextInt())).isEqualTo(0);
        }
    }

    static List<ContinuumNode> nodes(int[] weights) {
        List<ContinuumNode> nodes = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            nodes.add(new ContinuumNode(i, "10.0.0." + (i + 1) + ":6379", weights[i]));
        }
        return nodes;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
