package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/**
 * Bob Jenkins' lookup3 {@code hashlittle} with {@code initval = 13}, as {@code hash_jenkins} in
 * {@code nc_jenkins.c}. The C code has three paths by pointer alignment; on little-endian they
 * agree, so one byte-order-explicit path suffices. Bytes are unsigned. A zero-length key returns
 * the initial state, 0xdeadbeef + 13, without the final mix.
 */
final class Jenkins {
    private static final int INITVAL = 13;

    private Jenkins() {
    }

    static int hash(ByteBuf buf, int index, int length) {
        return hash(buf, index, length, INITVAL);
    }

    /** lookup3 {@code hashlittle(key, length, initval)}. */
    static int hash(ByteBuf buf, int index, int length, int initval) {
        int a = 0xdeadbeef + length + initval;
        int b = a;
        int c = a;
        if (length == 0) {
            return c;
        }
        int p = index;
        int left = length;
        // All but the last block, which may be a full 12 bytes.
        for (; left > 12; left -= 12, p += 12) {
            a += buf.getIntLE(p);
            b += buf.getIntLE(p + 4);
            c += buf.getIntLE(p + 8);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4);  c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6);  a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8);  b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4);  b += a;
        }
        // Last block (1..12 bytes): byte j goes into a, b or c by j / 4, at bit 8 * (j % 4).
        for (int j = 0; j < left; j++) {
            int v = buf.getUnsignedByte(p + j) << ((j & 3) << 3);
            switch (j >>> 2) {
                case 0 -> a += v;
                case 1 -> b += v;
                default -> c += v;
            }
        }
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }
}
