package io.jnutcracker.hash;

import static io.jnutcracker.hash.HashFunctionTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Placements observed on live nutcracker 0.5.0 (Debian 0.5.0+dfsg-2, redis backends): keys set
 * through the proxy, then found on the backends. Modula over seven servers s0..s6 of weight 1 is
 * {@code hash % 7}, so it checks lengths the vector table lacks (12 and 24 bytes: lookup3's full
 * last block) as well as the empty key (hashed as 0).
 */
class LivePlacementTest {
    private static final byte[][] KEYS = {
        bytes(""), bytes("a"), bytes("k1"), bytes("hello"), bytes("0123456789ab"),
        bytes("0123456789abcdefghijklmn"), {(byte) 0xe9}, {'a', 'b', 'c', (byte) 0xe9},
        {(byte) 0xff, (byte) 0xfe, (byte) 0x80},
    };

    static int[] observed(HashFunction f) {
        return switch (f) {
            case ONE_AT_A_TIME -> new int[] {0, 0, 5, 3, 5, 2, 1, 3, 1};
            case MD5 -> new int[] {0, 6, 3, 5, 4, 2, 2, 6, 6};
            case CRC16 -> new int[] {0, 1, 0, 2, 4, 2, 5, 5, 1};
            case CRC32 -> new int[] {0, 4, 4, 1, 3, 4, 4, 6, 1};
            case CRC32A -> new int[] {0, 4, 0, 2, 6, 4, 1, 2, 4};
            case FNV1_64 -> new int[] {0, 1, 3, 4, 3, 2, 5, 5, 4};
            case FNV1A_64 -> new int[] {0, 2, 0, 3, 3, 6, 4, 5, 3};
            case FNV1_32 -> new int[] {0, 2, 6, 5, 3, 3, 6, 6, 5};
            case FNV1A_32 -> new int[] {0, 5, 6, 2, 6, 4, 1, 0, 5};
            case HSIEH -> new int[] {0, 1, 5, 4, 3, 1, 1, 0, 4};
            case MURMUR -> new int[] {0, 6, 0, 1, 5, 6, 5, 3, 6};
            case JENKINS -> new int[] {0, 5, 5, 0, 4, 3, 3, 1, 1};
        };
    }

    @ParameterizedTest
    @EnumSource(HashFunction.class)
    void modulaOverSevenServers(HashFunction f) {
        List<ContinuumNode> live = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            live.add(new ContinuumNode(i, "s" + i, 1));
        }
        KeyPlacer placer = KeyPlacer.of(f, Distribution.MODULA, null, live);
        int[] expected = observed(f);
        for (int k = 0; k < KEYS.length; k++) {
            assertThat(placer.serverIndex(KEYS[k])).as("%s key %d", f.configName(), k).isEqualTo(expected[k]);
        }
    }
}
