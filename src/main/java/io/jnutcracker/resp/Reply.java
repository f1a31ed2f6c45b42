package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.util.Objects;

/**
 * One complete backend reply as decoded by {@link ReplyDecoder}: a retained slice of the backend's
 * input (zero copy), starting at index 0, plus what the proxy needs without reparsing it.
 *
 * <p>Ownership: the receiver owns one reference and must {@link #release()} it exactly once; the
 * reference count is the frame's (Netty's {@code DefaultByteBufHolder}). Writing {@code frame()} to the client channel hands that
 * reference over. Slices from {@link #element(int)} share the frame's memory and count: copy
 * them into a merged reply, or {@code retain()} one before handing it to a channel.
 */
public final class Reply extends DefaultByteBufHolder {
    /** The same buffer as {@link #content()}, readable whatever its reference count (for logs). */
    private final ByteBuf frame;
    private final int frameLength;
    private final RespType type;
    /** Aggregates: children count (a map's keys and values counted apart); bulk: payload length; -1 = null. */
    private final int count;
    private final long integer;
    /** Aggregates: elements[i] = index of child i in frame, elements[count] = frame end. Else null. */
    private final int[] elements;

    Reply(ByteBuf frame, RespType type, int count, long integer, int[] elements) {
        super(frame);
        this.frame = frame;
        this.frameLength = frame.readableBytes();
        this.type = type;
        this.count = count;
        this.integer = integer;
        this.elements = elements;
    }

    /**
     * A reply the proxy assembled itself (the merge of a split request's replies): its encoding, whose
     * reference passes to the new object, and its type; no elements are indexed.
     */
    public static Reply merged(ByteBuf frame) {
        RespType type = frame.isReadable() ? RespType.fromMarker(frame.getByte(frame.readerIndex())) : null;
        // A memcached merge (VALUE ... END) starts with no RESP marker: a line, for what reads it.
        return new Reply(frame, type == null ? RespType.SIMPLE_STRING : type, -1, 0, null);
    }

    /**
     * A reply another protocol's decoder framed (memcached), in the closest RESP shape: {@code ERROR}
     * for an error line, {@code ARRAY} with {@code elements} (each value's offset, then the end
     * marker's) for a retrieval, {@code SIMPLE_STRING} for any other line. {@code frame}'s one
     * reference passes to the new object.
     */
    public static Reply framed(ByteBuf frame, RespType type, int count, int[] elements) {
        return new Reply(frame, type, count, 0, elements);
    }

    /** The encoded reply; not retained for the caller (see the class comment). */
    public ByteBuf frame() {
        return frame;
    }

    public int frameLength() {
        return frameLength;
    }

    public RespType type() {
        return type;
    }

    /** True for {@code -ERR ...} style errors (and RESP3 bulk errors). */
    public boolean isError() {
        return type == RespType.ERROR || type == RespType.BULK_ERROR;
    }

    /** True for the null bulk {@code $-1}, the null array {@code *-1} and RESP3 {@code _}. */
    public boolean isNull() {
        return type == RespType.NULL || count == -1 && (type == RespType.BULK_STRING || type.isAggregate());
    }

    /** The value of an integer reply ({@code :n}). */
    public long integer() {
        if (type != RespType.INTEGER) {
            throw new IllegalStateException("not an integer reply: " + type);
        }
        return integer;
    }

    /**
     * Number of top-level elements of an array (or RESP3 set/push; for a map, keys and values
     * each count); -1 for a null array and for replies that are not aggregates.
     */
    public int elementCount() {
        return type.isAggregate() ? count : -1;
    }

    /**
     * The whole encoding of top-level element {@code i}, e.g. {@code $3\r\nfoo\r\n} or
     * {@code $-1\r\n}: a view sharing the frame's memory and reference count (not retained).
     * Used to merge the per-server MGET replies into one array.
     */
    public ByteBuf element(int i) {
        Objects.checkIndex(i, Math.max(elementCount(), 0));
        return frame.slice(elements[i], elements[i + 1] - elements[i]);
    }

    /** Where top-level element {@code i} starts in {@link #frame()}, in bytes. */
    public int elementOffset(int i) {
        Objects.checkIndex(i, Math.max(elementCount(), 0));
        return elements[i];
    }

    /** The length of top-level element {@code i}'s whole encoding, in bytes. */
    public int elementLength(int i) {
        Objects.checkIndex(i, Math.max(elementCount(), 0));
        return elements[i + 1] - elements[i];
    }

    /**
     * True if this is an error whose text (after '-') starts with {@code prefix}, compared
     * byte for byte, e.g. {@code OOM}, {@code BUSY}, {@code LOADING}. No allocation.
     */
    public boolean errorStartsWith(byte[] prefix) {
        if (type != RespType.ERROR || frameLength - 3 < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (frame.getByte(1 + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Reply(" + type + ", frameLength=" + frameLength + ")";
    }
}
