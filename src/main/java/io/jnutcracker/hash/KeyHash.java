package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/**
 * nutcracker's {@code hash_t}: {@code uint32_t (*)(const char *key, size_t len)}, over a ByteBuf.
 * Implementations read with absolute indexes and leave the reader index alone.
 */
@FunctionalInterface
public interface KeyHash {
    /** The unsigned 32-bit hash of {@code length} bytes at {@code index}, carried in an {@code int}. */
    int hash(ByteBuf buf, int index, int length);
}
