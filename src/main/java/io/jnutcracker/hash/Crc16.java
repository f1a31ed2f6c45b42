package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/**
 * {@code hash_crc16} of nutcracker 0.5.0 ({@code nc_crc16.c}): the CRC-16/XMODEM table
 * (polynomial 0x1021, initial value 0), but with a {@code uint32_t} accumulator that is shifted left
 * and never cut back to 16 bits. Results above 0xffff are therefore normal; a truncated variant
 * (or Redis Cluster's keyslot) places keys differently.
 */
final class Crc16 {
    private static final int POLY = 0x1021;
    private static final int[] TABLE = table();

    private Crc16() {
    }

    static int hash(ByteBuf buf, int index, int length) {
        int crc = 0;
        for (int i = index, end = index + length; i < end; i++) {
            // The index is masked with 0xff, so the byte's sign does not matter here.
            crc = (crc << 8) ^ TABLE[((crc >>> 8) ^ buf.getByte(i)) & 0xff];
        }
        return crc;
    }

    /** The MSB-first CRC-16 table for {@link #POLY}, the same 256 values as nutcracker's literal table. */
    private static int[] table() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int crc = n << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLY : crc << 1;
            }
            table[n] = crc & 0xffff;
        }
        return table;
    }
}
