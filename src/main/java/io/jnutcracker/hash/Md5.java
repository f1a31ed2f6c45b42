package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/**
 * MD5 (RFC 1321), for {@code hash_md5} and for ketama's points ({@code md5_signature} in
 * {@code nc_md5.c}).
 *
 * <p>Written out here rather than taken from {@link java.security.MessageDigest} so that the key
 * hash on the request path reads the ByteBuf in place and allocates nothing: the 16 message words
 * of a block live in locals, and the padding is computed from the position instead of copied.
 * The digest's 16 bytes are exposed as four little-endian words, which is how nutcracker reads them
 * ({@code results[3] << 24 | ... | results[0]}).
 */
final class Md5 {
    private Md5() {
    }

    /** {@code hash_md5}: the first four digest bytes as a little-endian uint32. */
    static int hash(ByteBuf buf, int index, int length) {
        return digest(buf, index, length, null);
    }

    /**
     * Computes the digest of {@code length} bytes at {@code index} and returns its first word.
     * If {@code words} is not null, all four words (digest bytes 0-3, 4-7, 8-11, 12-15, each
     * little-endian) are stored into its first four elements.
     */
    static int digest(ByteBuf buf, int index, int length, int[] words) {
        // Padding: 0x80, zeros, then the bit length as 8 little-endian bytes, to a multiple of 64.
        int padded = ((length + 8) / 64 + 1) * 64;
        int a = 0x67452301;
        int b = 0xefcdab89;
        int c = 0x98badcfe;
        int d = 0x10325476;
        for (int block = 0; block < padded; block += 64) {
            int m0 = word(buf, index, length, padded, block + 0);
            int m1 = word(buf, index, length, padded, block + 4);
            int m2 = word(buf, index, length, padded, block + 8);
            int m3 = word(buf, index, length, padded, block + 12);
            int m4 = word(buf, index, length, padded, block + 16);
            int m5 = word(buf, index, length, padded, block + 20);
            int m6 = word(buf, index, length, padded, block + 24);
            int m7 = word(buf, index, length, padded, block + 28);
            int m8 = word(buf, index, length, padded, block + 32);
            int m9 = word(buf, index, length, padded, block + 36);
            int m10 = word(buf, index, length, padded, block + 40);
            int m11 = word(buf, index, length, padded, block + 44);
            int m12 = word(buf, index, length, padded, block + 48);
            int m13 = word(buf, index, length, padded, block + 52);
            int m14 = word(buf, index, length, padded, block + 56);
            int m15 = word(buf, index, length, padded, block + 60);
            int aa = a;
            int bb = b;
            int cc = c;
            int dd = d;
            // Round 1.
            a = ff(a, b, c, d, m0, 7, 0xd76aa478);
            d = ff(d, a, b, c, m1, 12, 0xe8c7b756);
            c = ff(c, d, a, b, m2, 17, 0x242070db);
            b = ff(b, c, d, a, m3, 22, 0xc1bdceee);
            a = ff(a, b, c, d, m4, 7, 0xf57c0faf);
            d = ff(d, a, b, c, m5, 12, 0x4787c62a);
            c = ff(c, d, a, b, m6, 17, 0xa8304613);
            b = ff(b, c, d, a, m7, 22, 0xfd469501);
            a = ff(a, b, c, d, m8, 7, 0x698098d8);
            d = ff(d, a, b, c, m9, 12, 0x8b44f7af);
            c = ff(c, d, a, b, m10, 17, 0xffff5bb1);
            b = ff(b, c, d, a, m11, 22, 0x895cd7be);
            a = ff(a, b, c, d, m12, 7, 0x6b901122);
            d = ff(d, a, b, c, m13, 12, 0xfd987193);
            c = ff(c, d, a, b, m14, 17, 0xa679438e);
            b = ff(b, c, d, a, m15, 22, 0x49b40821);
            // Round 2.
            a = gg(a, b, c, d, m1, 5, 0xf61e2562);
            d = gg(d, a, b, c, m6, 9, 0xc040b340);
            c = gg(c, d, a, b, m11, 14, 0x265e5a51);
            b = gg(b, c, d, a, m0, 20, 0xe9b6c7aa);
            a = gg(a, b, c, d, m5, 5, 0xd62f105d);
            d = gg(d, a, b, c, m10, 9, 0x02441453);
            c = gg(c, d, a, b, m15, 14, 0xd8a1e681);
            b = gg(b, c, d, a, m4, 20, 0xe7d3fbc8);
            a = gg(a, b, c, d, m9, 5, 0x21e1cde6);
            d = gg(d, a, b, c, m14, 9, 0xc33707d6);
            c = gg(c, d, a, b, m3, 14, 0xf4d50d87);
            b = gg(b, c, d, a, m8, 20, 0x455a14ed);
            a = gg(a, b, c, d, m13, 5, 0xa9e3e905);
            d = gg(d, a, b, c, m2, 9, 0xfcefa3f8);
            c = gg(c, d, a, b, m7, 14, 0x676f02d9);
            b = gg(b, c, d, a, m12, 20, 0x8d2a4c8a);
            // Round 3.
            a = hh(a, b, c, d, m5, 4, 0xfffa3942);
            d = hh(d, a, b, c, m8, 11, 0x8771f681);
            c = hh(c, d, a, b, m11, 16, 0x6d9d6122);
            b = hh(b, c, d, a, m14, 23, 0xfde5380c);
            a = hh(a, b, c, d, m1, 4, 0xa4beea44);
            d = hh(d, a, b, c, m4, 11, 0x4bdecfa9);
            c = hh(c, d, a, b, m7, 16, 0xf6bb4b60);
            b = hh(b, c, d, a, m10, 23, 0xbebfbc70);
            a = hh(a, b, c, d, m13, 4, 0x289b7ec6);
            d = hh(d, a, b, c, m0, 11, 0xeaa127fa);
            c = hh(c, d, a, b, m3, 16, 0xd4ef3085);
            b = hh(b, c, d, a, m6, 23, 0x04881d05);
            a = hh(a, b, c, d, m9, 4, 0xd9d4d039);
            d = hh(d, a, b, c, m12, 11, 0xe6db99e5);
            c = hh(c, d, a, b, m15, 16, 0x1fa27cf8);
            b = hh(b, c, d, a, m2, 23, 0xc4ac5665);
            // Round 4.
            a = ii(a, b, c, d, m0, 6, 0xf4292244);
            d = ii(d, a, b, c, m7, 10, 0x432aff97);
            c = ii(c, d, a, b, m14, 15, 0xab9423a7);
            b = ii(b, c, d, a, m5, 21, 0xfc93a039);
            a = ii(a, b, c, d, m12, 6, 0x655b59c3);
            d = ii(d, a, b, c, m3, 10, 0x8f0ccc92);
            c = ii(c, d, a, b, m10, 15, 0xffeff47d);
            b = ii(b, c, d, a, m1, 21, 0x85845dd1);
            a = ii(a, b, c, d, m8, 6, 0x6fa87e4f);
            d = ii(d, a, b, c, m15, 10, 0xfe2ce6e0);
            c = ii(c, d, a, b, m6, 15, 0xa3014314);
            b = ii(b, c, d, a, m13, 21, 0x4e0811a1);
            a = ii(a, b, c, d, m4, 6, 0xf7537e82);
            d = ii(d, a, b, c, m11, 10, 0xbd3af235);
            c = ii(c, d, a, b, m2, 15, 0x2ad7d2bb);
            b = ii(b, c, d, a, m9, 21, 0xeb86d391);
            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        if (words != null) {
            words[0] = a;
            words[1] = b;
            words[2] = c;
            words[3] = d;
        }
        return a;
    }

    /** The little-endian message word at padded position {@code p}. */
    private static int word(ByteBuf buf, int index, int length, int padded, int p) {
        if (p + 4 <= length) {
            return buf.getIntLE(index + p);
        }
        int w = 0;
        for (int i = 0; i < 4; i++) {
            w |= paddedByte(buf, index, length, padded, p + i) << (i << 3);
        }
        return w;
    }

    private static int paddedByte(ByteBuf buf, int index, int length, int padded, int p) {
        if (p < length) {
            return buf.getUnsignedByte(index + p);
        }
        if (p == length) {
            return 0x80;
        }
        int lengthByte = p - (padded - 8);
        if (lengthByte >= 0) {
            return (int) (((long) length << 3) >>> (lengthByte << 3)) & 0xff;
        }
        return 0;
    }

    private static int ff(int a, int b, int c, int d, int x, int s, int t) {
        return b + Integer.rotateLeft(a + ((b & c) | (~b & d)) + x + t, s);
    }

    private static int gg(int a, int b, int c, int d, int x, int s, int t) {
        return b + Integer.rotateLeft(a + ((b & d) | (c & ~d)) + x + t, s);
    }

    private static int hh(int a, int b, int c, int d, int x, int s, int t) {
        return b + Integer.rotateLeft(a + (b ^ c ^ d) + x + t, s);
    }

    private static int ii(int a, int b, int c, int d, int x, int s, int t) {
        return b + Integer.rotateLeft(a + (c ^ (b | ~d)) + x + t, s);
    }
}
