package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Optional;

/**
 * The twelve key hash functions of nutcracker 0.5.0 ({@code src/hashkit}), by their config names.
 * Every function returns nutcracker's {@code uint32_t} result carried in an {@code int}; compare
 * with {@link Integer#compareUnsigned} or widen with {@link Integer#toUnsignedLong}.
 *
 * <p>Each constant delegates to the class named after its nutcracker source file
 * ({@code nc_fnv.c} is {@link Fnv}, and so on); the order is {@code HASH_CODEC}'s.
 */
public enum HashFunction {
    ONE_AT_A_TIME("one_at_a_time", OneAtATime::hash),
    MD5("md5", Md5::hash),
    CRC16("crc16", Crc16::hash),
    CRC32("crc32", Crc32::crc32),
    CRC32A("crc32a", Crc32::crc32a),
    FNV1_64("fnv1_64", Fnv::fnv1_64),
    FNV1A_64("fnv1a_64", Fnv::fnv1a_64),
    FNV1_32("fnv1_32", Fnv::fnv1_32),
    FNV1A_32("fnv1a_32", Fnv::fnv1a_32),
    HSIEH("hsieh", Hsieh::hash),
    MURMUR("murmur", Murmur::hash),
    JENKINS("jenkins", Jenkins::hash);

    private final String configName;
    private final KeyHash impl;

    HashFunction(String configName, KeyHash impl) {
        this.configName = configName;
        this.impl = impl;
    }

    /** The name used for the {@code hash:} directive. */
    public String configName() {
        return configName;
    }

    /**
     * Hashes {@code length} bytes of {@code buf} starting at absolute index {@code index}, without
     * moving the reader index and without allocating (md5 included).
     */
    public int hash(ByteBuf buf, int index, int length) {
        return impl.hash(buf, index, length);
    }

    /** Hashes a whole array; a convenience off the hot path (it wraps the array in a ByteBuf). */
    public int hash(byte[] key) {
        return impl.hash(Unpooled.wrappedBuffer(key), 0, key.length);
    }

    public static Optional<HashFunction> byName(String name) {
        for (HashFunction f : values()) {
            if (f.configName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
