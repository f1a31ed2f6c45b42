package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * The twelve key hash functions of nutcracker 0.5.0 ({@code src/hashkit}), by their config names.
 * Every function returns nutcracker's {@code uint32_t} result carried in an {@code int}; compare
 * with {@link Integer#compareUnsigned} or widen with {@link Integer#toUnsignedLong}.
 */
public enum HashFunction {
    ONE_AT_A_TIME("one_at_a_time"),
    MD5("md5"),
    CRC16("crc16"),
    CRC32("crc32"),
    CRC32A("crc32a"),
    FNV1_64("fnv1_64"),
    FNV1A_64("fnv1a_64"),
    FNV1_32("fnv1_32"),
    FNV1A_32("fnv1a_32"),
    HSIEH("hsieh"),
    MURMUR("murmur"),
    JENKINS("jenkins");

    private final String configName;

    HashFunction(String configName) {
        this.configName = configName;
    }

    /** The name used for the {@code hash:} directive. */
    public String configName() {
        return configName;
    }

    /** Hashes {@code length} bytes of {@code buf} starting at absolute index {@code index}. */
    public int hash(ByteBuf buf, int index, int length) {
        throw new UnsupportedOperationException("TODO");
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
