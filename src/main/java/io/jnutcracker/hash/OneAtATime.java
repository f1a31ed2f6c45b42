package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/** Jenkins' one-at-a-time hash, as {@code hash_one_at_a_time} in {@code nc_one_at_a_time.c}. */
final class OneAtATime {
    private OneAtATime() {
    }

    static int hash(ByteBuf buf, int index, int length) {
        int value = 0;
        for (int i = index, end = index + length; i < end; i++) {
            // (uint32_t)*ptr with a signed char on x86-64: bytes >= 0x80 sign-extend, as (int) byte does.
            value += buf.getByte(i);
            value += value << 10;
            value ^= value >>> 6;
        }
        value += value << 3;
        value ^= value >>> 11;
        value += value << 15;
        return value;
    }
}
