package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;

/**
 * A pool's {@code hash_tag}: two bytes that mark the part of a key to hash, as
 * {@code server_pool_idx} in {@code nc_server.c} applies them.
 *
 * <p>The tag starts at the <em>first</em> {@link #open()} byte in the key and ends at the first
 * {@link #close()} byte after it. If there is no open byte, no close byte after it, or nothing
 * between them, the whole key is hashed. So with {@code {}}: {@code x{u1}y} hashes {@code u1},
 * {@code a}b{} and {@code {}a} hash the whole key, and {@code {a{b}c}} hashes {@code a{b}. The
 * same byte may open and close ({@code $$}).
 *
 * <p>{@link #range} returns the sub-range packed in one {@code long} so the request path allocates
 * nothing: the absolute start index in the high 32 bits and the length in the low 32 bits. Unpack it
 * with {@link #start(long)} and {@link #length(long)}.
 */
public final class HashTag {
    private final byte open;
    private final byte close;

    public HashTag(byte open, byte close) {
        this.open = open;
        this.close = close;
    }

    /**
     * The tag from a configured {@code hash_tag} value, or null when it is null or empty (no tag,
     * as {@code string_empty(&pool->hash_tag)}).
     *
     * @throws IllegalArgumentException if the value is not exactly two bytes, which nutcracker's
     *     config validation rejects
     */
    public static HashTag ofNullable(byte[] tag) {
        if (tag == null || tag.length == 0) {
            return null;
        }
        if (tag.length != 2) {
            throw new IllegalArgumentException("hash_tag must be two bytes, got " + tag.length);
        }
        return new HashTag(tag[0], tag[1]);
    }

    public byte open() {
        return open;
    }

    public byte close() {
        return close;
    }

    /**
     * The range to hash within the key at {@code [index, index + length)}, packed as
     * {@code start << 32 | length}; the whole key when the tag does not apply.
     */
    public long range(ByteBuf buf, int index, int length) {
        int end = index + length;
        int tagStart = find(buf, index, end, open);
        if (tagStart >= 0) {
            int tagEnd = find(buf, tagStart + 1, end, close);
            // tag_end - tag_start > 1: an empty tag ("{}") falls back to the whole key.
            if (tagEnd - tagStart > 1) {
                return pack(tagStart + 1, tagEnd - tagStart - 1);
            }
        }
        return pack(index, length);
    }

    /** The absolute start index of a packed {@link #range}. */
    public static int start(long range) {
        return (int) (range >>> 32);
    }

    /** The length of a packed {@link #range}. */
    public static int length(long range) {
        return (int) range;
    }

    private static long pack(int start, int length) {
        return ((long) start << 32) | (length & 0xffffffffL);
    }

    /** nc_strchr: the index of the first {@code b} in {@code [from, to)}, or -1. */
    private static int find(ByteBuf buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf.getByte(i) == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashTag t && t.open == open && t.close == close;
    }

    @Override
    public int hashCode() {
        return ((open & 0xff) << 8) | (close & 0xff);
    }

    @Override
    public String toString() {
        return "HashTag[" + (char) (open & 0xff) + (char) (close & 0xff) + "]";
    }
}
