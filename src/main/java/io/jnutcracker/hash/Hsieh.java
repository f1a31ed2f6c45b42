package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/**
 * Paul Hsieh's SuperFastHash, as {@code hash_hsieh} in {@code nc_hsieh.c}.
 *
 * <p>On x86-64 {@code get16bits} is the portable form (the direct 16-bit load is compiled for i386
 * only): two unsigned bytes, little-endian. One quirk survives: for a key whose length is 3 mod 4,
 * the last byte is read as {@code (uint32_t)key[2]} from a signed char, so a byte &gt;= 0x80
 * sign-extends before the shift by 18. The 1-byte tail casts to unsigned char and does not.
 */
final class Hsieh {
    private Hsieh() {
    }

    static int hash(ByteBuf buf, int index, int length) {
        if (length <= 0) {
            return 0;
        }
        int hash = 0;
        int p = index;
        for (int blocks = length >>> 2; blocks > 0; blocks--, p += 4) {
            hash += buf.getUnsignedShortLE(p);
            int tmp = (buf.getUnsignedShortLE(p + 2) << 11) ^ hash;
            hash = (hash << 16) ^ tmp;
            hash += hash >>> 11;
        }
        switch (length & 3) {
            case 3 -> {
                hash += buf.getUnsignedShortLE(p);
                hash ^= hash << 16;
                hash ^= buf.getByte(p + 2) << 18; // signed char: sign-extend (nc_hsieh.c rem == 3)
                hash += hash >>> 11;
            }
            case 2 -> {
                hash += buf.getUnsignedShortLE(p);
                hash ^= hash << 11;
                hash += hash >>> 17;
            }
            case 1 -> {
                hash += buf.getUnsignedByte(p);
                hash ^= hash << 10;
                hash += hash >>> 1;
            }
            default -> {
            }
        }
        // Final avalanche.
        hash ^= hash << 3;
        hash += hash >>> 5;
        hash ^= hash << 4;
        hash += hash >>> 17;
        hash ^= hash << 25;
        hash += hash >>> 6;
        return hash;
    }
}
