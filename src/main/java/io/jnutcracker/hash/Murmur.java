package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/**
 * MurmurHash2 as libmemcached and {@code nc_murmur.c} have it: seed {@code 0xdeadbeef * len},
 * little-endian 4-byte words (x86-64 reads them unaligned), unsigned bytes in the tail.
 */
final class Murmur {
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur() {
    }

    static int hash(ByteBuf buf, int index, int length) {
        int h = (0xdeadbeef * length) ^ length;
        int p = index;
        int left = length;
        for (; left >= 4; left -= 4, p += 4) {
            int k = buf.getIntLE(p);
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        switch (left) {
            case 3:
                h ^= buf.getUnsignedByte(p + 2) << 16;
                // fall through, as the C switch does
            case 2:
                h ^= buf.getUnsignedByte(p + 1) << 8;
                // fall through
            case 1:
                h ^= buf.getUnsignedByte(p);
                h *= M;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }
}
