package io.jnutcracker.hash;

import static io.jnutcracker.hash.HashFunctionTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Lengths and bytes beyond the vector table, checked against independent implementations, and the
 * nutcracker quirks each pinned by a case that a "correct" hash would get wrong.
 */
class HashQuirksTest {
    private final SplittableRandom random = new SplittableRandom(20240611L);

    @Test
    void md5MatchesMessageDigestAcrossBlockBoundaries() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        int[] words = new int[4];
        for (int length = 0; length <= 200; length++) {
            byte[] key = randomBytes(length);
            byte[] expected = md5.digest(key);
            Md5.digest(Unpooled.wrappedBuffer(key), 0, length, words);
            for (int w = 0; w < 4; w++) {
                assertThat(words[w]).as("length %d word %d", length, w).isEqualTo(littleEndian(expected, 4 * w));
            }
            assertThat(HashFunction.MD5.hash(key)).isEqualTo(littleEndian(expected, 0));
        }
    }

    @Test
    void fnvReadsKeysOfEveryLengthAndOffsetAsOneByteAtATime() {
        // Fnv reads 8 bytes per call; this is the byte-at-a-time definition of nc_fnv.c, with the
        // signed-char sign extension, over lengths across the 8-byte steps and keys at odd offsets.
        int[][] variants = {{0x84222325, 0x1b3}, {0x811c9dc5, 0x01000193}};
        HashFunction[][] functions = {{HashFunction.FNV1_64, HashFunction.FNV1A_64},
            {HashFunction.FNV1_32, HashFunction.FNV1A_32}};
        for (int length = 0; length <= 40; length++) {
            for (int offset = 0; offset < 9; offset += 4) {
                byte[] padded = randomBytes(offset + length + 3);
                byte[] key = Arrays.copyOfRange(padded, offset, offset + length);
                for (int v = 0; v < 2; v++) {
                    int fnv1 = variants[v][0];
                    int fnv1a = variants[v][0];
                    for (byte b : key) {
                        fnv1 = (fnv1 * variants[v][1]) ^ b;
                        fnv1a = (fnv1a ^ b) * variants[v][1];
                    }
                    ByteBuf slice = Unpooled.wrappedBuffer(padded).slice(offset, length);
                    assertThat(functions[v][0].hash(slice, 0, length)).as("fnv1 length %d", length).isEqualTo(fnv1);
                    assertThat(functions[v][1].hash(slice, 0, length)).as("fnv1a length %d", length).isEqualTo(fnv1a);
                }
            }
        }
    }

    @Test
    void crc32aIsTheStandardCrc32() {
        for (int length = 0; length <= 100; length++) {
            byte[] key = randomBytes(length);
            CRC32 crc = new CRC32();
            crc.update(key);
            assertThat(Integer.toUnsignedLong(HashFunction.CRC32A.hash(key))).isEqualTo(crc.getValue());
        }
    }

    /** libmemcached's crc32: bits 16..30 of the standard CRC, so never above 0x7fff. */
    @Test
    void crc32KeepsOnlyFifteenBits() {
        for (int length = 1; length <= 100; length++) {
            byte[] key = randomBytes(length);
            CRC32 crc = new CRC32();
            crc.update(key);
            assertThat(HashFunction.CRC32.hash(key)).isEqualTo((int) (crc.getValue() >>> 16) & 0x7fff);
        }
    }

    /** fnv1_64 and fnv1a_64 are the low 32 bits of the 64-bit FNV over sign-extended bytes. */
    @Test
    void fnv64VariantsAreLow32BitsOfSixtyFourBitFnvOverSignedBytes() {
        for (int length = 0; length <= 64; length++) {
            byte[] key = randomBytes(length);
            long fnv1 = 0xcbf29ce484222325L;
            long fnv1a = 0xcbf29ce484222325L;
            for (byte b : key) {
                fnv1 = (fnv1 * 0x100000001b3L) ^ (long) b;
                fnv1a = (fnv1a ^ (long) b) * 0x100000001b3L;
            }
            assertThat(HashFunction.FNV1_64.hash(key)).isEqualTo((int) fnv1);
            assertThat(HashFunction.FNV1A_64.hash(key)).isEqualTo((int) fnv1a);
        }
    }

    /** A textbook FNV-1a-32 over unsigned bytes differs once a byte is >= 0x80 (PR #313, unmerged). */
    @Test
    void fnvSignExtendsHighBytes() {
        byte[] key = {(byte) 0xe9};
        int unsigned = (0x811c9dc5 ^ 0xe9) * 0x01000193;
        int signed = (0x811c9dc5 ^ 0xffffffe9) * 0x01000193;
        assertThat(HashFunction.FNV1A_32.hash(key)).isEqualTo(signed).isNotEqualTo(unsigned);
    }

    /** The same key with its 3-byte tail's last byte high: only that byte's sign extension differs. */
    @Test
    void hsiehSignExtendsOnlyTheLastByteOfAThreeByteTail() {
        assertThat(Integer.toUnsignedLong(HashFunction.HSIEH.hash(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80})))
                .isEqualTo(2995217705L);
        // Length 1 casts to unsigned char: 0xe9 must mix in as 233, not as 0xffffffe9.
        int h = 233;
        h ^= h << 10;
        h += h >>> 1;
        h ^= h << 3;
        h += h >>> 5;
        h ^= h << 4;
        h += h >>> 17;
        h ^= h << 25;
        h += h >>> 6;
        assertThat(HashFunction.HSIEH.hash(new byte[] {(byte) 0xe9})).isEqualTo(h);
    }

    @Test
    void crc16IsNotCutToSixteenBits() {
        assertThat(Integer.toUnsignedLong(HashFunction.CRC16.hash(bytes("apple")))).isGreaterThan(0xffffL);
        // The low 16 bits are still CRC-16/XMODEM ("123456789" -> 0x31c3).
        assertThat(HashFunction.CRC16.hash(bytes("123456789")) & 0xffff).isEqualTo(0x31c3);
    }

    /** Bob Jenkins' published lookup3 values (driver5): two mix blocks and a 6-byte tail. */
    @Test
    void jenkinsIsLookup3Hashlittle() {
        byte[] key = bytes("Four score and seven years ago");
        assertThat(Jenkins.hash(Unpooled.wrappedBuffer(key), 0, key.length, 0)).isEqualTo(0x17770551);
        assertThat(Jenkins.hash(Unpooled.wrappedBuffer(key), 0, key.length, 1)).isEqualTo(0xcd628161);
        assertThat(HashFunction.JENKINS.hash(key))
                .isEqualTo(Jenkins.hash(Unpooled.wrappedBuffer(key), 0, key.length, 13));
    }

    private byte[] randomBytes(int length) {
        byte[] key = new byte[length];
        random.nextBytes(key);
        return key;
    }

    private static int littleEndian(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
