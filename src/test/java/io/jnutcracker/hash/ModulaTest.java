package io.jnutcracker.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** nc_modula.c: weight-expanded slots in pool order, unsigned modulus (REFERENCE.md §2.4). */
class ModulaTest {
    /** Weights 2, 1, 3 for servers 5, 7, 9: slots [5, 5, 7, 9, 9, 9]. */
    private static final List<ContinuumNode> LIVE = List.of(
            new ContinuumNode(5, "a", 2), new ContinuumNode(7, "b", 1), new ContinuumNode(9, "c", 3));

    @Test
    void slotsFollowPoolOrderAndWeights() {
        Modula modula = Modula.build(LIVE);
        assertThat(modula.slots()).isEqualTo(6);
        int[] expected = {5, 5, 7, 9, 9, 9};
        for (int hash = 0; hash < 18; hash++) {
            assertThat(modula.dispatch(hash)).as("hash %d", hash).isEqualTo(expected[hash % 6]);
        }
    }

    @Test
    void modulusIsUnsigned() {
        Modula modula = Modula.build(LIVE);
        // 4294967295 % 6 = 3 (signed: -1 % 6 = -1); 2147483648 % 6 = 2.
        assertThat(modula.dispatch(0xffffffff)).isEqualTo(9);
        assertThat(modula.dispatch(0x80000000)).isEqualTo(7);
        assertThat(modula.dispatch(0xfffffffb)).isEqualTo(9); // 4294967291 % 6 = 5
    }

    @Test
    void anEjectionChangesTheModulus() {
        Modula all = Modula.build(List.of(new ContinuumNode(0, "a", 1), new ContinuumNode(1, "b", 1),
                new ContinuumNode(2, "c", 1)));
        Modula ejected = Modula.build(List.of(new ContinuumNode(0, "a", 1), new ContinuumNode(2, "c", 1)));
        assertThat(all.dispatch(4)).isEqualTo(1);
        assertThat(ejected.dispatch(4)).isEqualTo(0);
        assertThat(ejected.dispatch(5)).isEqualTo(2);
    }
}
