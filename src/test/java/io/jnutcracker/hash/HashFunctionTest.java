package io.jnutcracker.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every hash against REFERENCE.md §2.2's vector table (matched by live nutcracker 0.5.0). */
class HashFunctionTest {
    /** The table's ten columns, in order. */
    private static final byte[][] KEYS = {
        bytes(""), bytes("a"), bytes("apple"), bytes("foo"), bytes("key1"), bytes("hello world"),
        {(byte) 0xe9}, {'a', 'b', 'c', (byte) 0xe9}, {(byte) 0xff, (byte) 0xfe, (byte) 0x80},
        bytes("0123456789abcdef"),
    };

    /** uint32 decimals per hash; exhaustive, so a new HashFunction does not compile without a row. */
    static long[] vectors(HashFunction f) {
        return switch (f) {
            case ONE_AT_A_TIME -> new long[] {0L, 3392050242L, 2297466611L, 596015325L, 3203718188L,
                1045060183L, 1083721983L, 2046409340L, 1422681282L, 4028760775L};
            case MD5 -> new long[] {3649838548L, 3111502092L, 3195025439L, 3675831724L, 2497097154L,
                3141252702L, 1988560436L, 2046935344L, 3673073221L, 2377069120L};
            case CRC16 -> new long[] {0L, 31879L, 3662830516L, 205303702L, 3950027749L, 4060494820L,
                27655L, 1956505619L, 504196645L, 3596871845L};
            case CRC32 -> new long[] {0L, 26807L, 10542L, 3187L, 11356L, 3402L, 3028L, 32395L, 9822L,
                26820L};
            case CRC32A -> new long[] {0L, 3904355907L, 2838417488L, 2356372769L, 744252496L,
                222957957L, 198489425L, 2123051660L, 643736300L, 1757737011L};
            case FNV1_64 -> new long[] {2216829733L, 2248259518L, 473199127L, 1805727027L, 3396394487L,
                2979073647L, 2046707766L, 75214872L, 2481844474L, 998436033L};
            case FNV1A_64 -> new long[] {2216829733L, 2248273036L, 1488911807L, 4275688823L,
                1555933063L, 37540583L, 2046701220L, 301501254L, 2400084368L, 3853346685L};
            case FNV1_32 -> new long[] {2166136261L, 84696446L, 67176023L, 1083137555L, 2215982743L,
                1418570095L, 4210270966L, 1176603896L, 2437714298L, 2652598081L};
            case FNV1A_32 -> new long[] {2166136261L, 3826002220L, 280767167L, 2851307223L,
                927623783L, 3582672807L, 3958606660L, 2194408902L, 1651290800L, 2277258045L};
            case HSIEH -> new long[] {0L, 2472816263L, 3738850110L, 1993659431L, 2037332752L,
                1333368947L, 1008785338L, 4186542402L, 2995217705L, 3097489547L};
            case MURMUR -> new long[] {0L, 1262581116L, 4142305122L, 3303027599L, 1050118838L,
                1578702139L, 3710375128L, 3521994906L, 2749433693L, 43138349L};
            case JENKINS -> new long[] {3735928572L, 3768813200L, 1442444624L, 2583187353L,
                3541214983L, 355681275L, 120703460L, 1306028396L, 538694325L, 3760384329L};
        };
    }

    @ParameterizedTest
    @EnumSource(HashFunction.class)
    void matchesNutcrackerVectors(HashFunction f) {
        long[] expected = vectors(f);
        assertThat(expected).hasSize(KEYS.length);
        for (int i = 0; i < KEYS.length; i++) {
            assertThat(Integer.toUnsignedLong(f.hash(KEYS[i])))
                    .as("%s(%s)", f.configName(), Arrays.toString(KEYS[i]))
                    .isEqualTo(expected[i]);
        }
    }

    /** Absolute indexes: bytes around the key are ignored and the reader index does not move. */
    @ParameterizedTest
    @EnumSource(HashFunction.class)
    void hashesInPlaceAtAnOffset(HashFunction f) {
        long[] expected = vectors(f);
        for (boolean direct : new boolean[] {false, true}) {
            for (int i = 0; i < KEYS.length; i++) {
                ByteBuf buf = direct ? Unpooled.directBuffer() : Unpooled.buffer();
                try {
                    buf.writeBytes(bytes("\u00ff*3\r\n$10\r\n")).writeBytes(KEYS[i]).writeBytes(bytes("\u0080\r\n"));
                    buf.readerIndex(2);
                    int h = f.hash(buf, 10, KEYS[i].length);
                    assertThat(Integer.toUnsignedLong(h)).as("%s key %d", f, i).isEqualTo(expected[i]);
                    assertThat(buf.readerIndex()).isEqualTo(2);
                } finally {
                    buf.release();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HashFunction.class)
    void isFoundByItsConfigName(HashFunction f) {
        assertThat(HashFunction.byName(f.configName())).contains(f);
        assertThat(f.configName()).isEqualTo(f.name().toLowerCase());
    }

    @Test
    void unknownNameIsEmpty() {
        assertThat(HashFunction.byName("fnv1a_64 ")).isEmpty();
        assertThat(HashFunction.byName("FNV1A_64")).isEmpty();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
