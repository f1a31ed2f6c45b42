package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/**
 * The four Fowler-Noll-Vo hashes of {@code nc_fnv.c}.
 *
 * <p>All four return the low 32 bits only, so they are computed here in {@code int} arithmetic:
 * the low 32 bits of a 64-bit product or XOR depend only on the low 32 bits of the operands.
 * {@code fnv1a_64} is 32-bit in nutcracker itself (offset basis and prime are cast to uint32_t), and
 * its effective prime is 0x1b3, which mixes poorly (twemproxy #32, #195). Every variant does
 * {@code (uint32_t)key[x]} on a signed char, so bytes &gt;= 0x80 sign-extend; PR #313's unsigned
 * variants were never merged, and placement depends on the signed form.
 */
final class Fnv {
    /** Low 32 bits of the FNV-64 offset basis 0xcbf29ce484222325. */
    private static final int OFFSET_64_LOW = 0x84222325;
    /** Low 32 bits of the FNV-64 prime 0x100000001b3. */
    private static final int PRIME_64_LOW = 0x1b3;
    private static final int OFFSET_32 = 0x811c9dc5; // 2166136261
    private static final int PRIME_32 = 0x01000193; // 16777619

    private Fnv() {
    }

    /** {@code hash_fnv1_64}: 64-bit math truncated at the end, which leaves the same low bits. */
    static int fnv1_64(ByteBuf buf, int index, int length) {
        return fnv1(buf, index, length, OFFSET_64_LOW, PRIME_64_LOW);
    }

    /** {@code hash_fnv1a_64}: nutcracker's default hash. */
    static int fnv1a_64(ByteBuf buf, int index, int length) {
        return fnv1a(buf, index, length, OFFSET_64_LOW, PRIME_64_LOW);
    }

    static int fnv1_32(ByteBuf buf, int index, int length) {
        return fnv1(buf, index, length, OFFSET_32, PRIME_32);
    }

    static int fnv1a_32(ByteBuf buf, int index, int length) {
        return fnv1a(buf, index, length, OFFSET_32, PRIME_32);
    }

    // Keys are read 8 bytes per ByteBuf call: every getByte of a slice checks the index and the
    // reference count of the slice and of its buffer, which made hashing 16-byte keys 5.7% of the
    // proxy's CPU at GET -P 16 (async-profiler). The bytes are still folded in one at a time, in order.

    private static int fnv1(ByteBuf buf, int index, int length, int hash, int prime) {
        int i = index;
        int end = index + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = buf.getLong(i); // big-endian: the byte at i is the highest
            for (int shift = 56; shift >= 0; shift -= 8) {
                hash *= prime;
                hash ^= (byte) (word >>> shift);
            }
        }
        for (; i < end; i++) {
            hash *= prime;
            hash ^= buf.getByte(i); // sign-extended, as (uint64_t)/(uint32_t) of a signed char
        }
        return hash;
    }

    private static int fnv1a(ByteBuf buf, int index, int length, int hash, int prime) {
        int i = index;
        int end = index + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = buf.getLong(i);
            for (int shift = 56; shift >= 0; shift -= 8) {
                hash ^= (byte) (word >>> shift);
                hash *= prime;
            }
        }
        for (; i < end; i++) {
            hash ^= buf.getByte(i); // sign-extended, as (uint32_t) of a signed char
            hash *= prime;
        }
        return hash;
    }
}
