package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/**
 * The two CRC-32 hashes of {@code nc_crc32.c}, sharing the reflected IEEE table (0xEDB88320).
 *
 * <p>{@code crc32} is libmemcached's: it returns only bits 16..30 of the real CRC, a 15-bit value.
 * Ketama points are spread over 32 bits, so with ketama nearly every key lands on the server that
 * owns the lowest point (twemproxy #175). {@code crc32a} is the real CRC-32.
 */
final class Crc32 {
    private static final int POLY_REFLECTED = 0xEDB88320;
    private static final int[] TABLE = table();

    private Crc32() {
    }

    /** {@code hash_crc32}: {@code ((~crc) >> 16) & 0x7fff}. */
    static int crc32(ByteBuf buf, int index, int length) {
        return (~update(buf, index, length) >>> 16) & 0x7fff;
    }

    /** {@code hash_crc32a}: the standard CRC-32, equal to {@link java.util.zip.CRC32}. */
    static int crc32a(ByteBuf buf, int index, int length) {
        return ~update(buf, index, length);
    }

    private static int update(ByteBuf buf, int index, int length) {
        int crc = 0xffffffff;
        for (int i = index, end = index + length; i < end; i++) {
            // Masked with 0xff: crc32's (uint64_t)key[x] sign extension cannot reach the index.
            crc = (crc >>> 8) ^ TABLE[(crc ^ buf.getByte(i)) & 0xff];
        }
        return crc;
    }

    /** The LSB-first CRC-32 table, the same 256 values as nutcracker's literal {@code crc32tab}. */
    private static int[] table() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int crc = n;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            }
            table[n] = crc;
        }
        return table;
    }
}
