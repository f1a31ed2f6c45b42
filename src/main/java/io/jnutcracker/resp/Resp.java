package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * RESP writers for replies and requests the proxy builds itself (MGET/DEL fan-out, merged
 * replies, its own errors). Headers for small numbers are preformatted so the common cases are a
 * plain byte copy; larger numbers are formatted in place, never through a String.
 *
 * <p>None of these methods changes the reader index of a source buffer; all of them append at the
 * target's writer index. Canned whole replies live in {@link CannedReply}.
 */
public final class Resp {
    /**
     * Charset of text in this package: ISO-8859-1 maps each byte to one char and back, so a
     * String taken from a frame ({@link Request#argString}) and written again ({@link #error})
     * yields the original bytes, as Redis (which treats strings as bytes) would echo them.
     */
    public static final Charset CHARSET = StandardCharsets.ISO_8859_1;

    /** Numbers 0..CACHED-1 have preformatted {@code *n}, {@code $n} and {@code :n} lines. */
    static final int CACHED = 1024;

    private static final short CRLF = ('\r' << 8) | '\n';
    private static final byte[][] ARRAY_HEADERS = preformat('*');
    private static final byte[][] BULK_HEADERS = preformat('$');
    private static final byte[][] INTEGERS = preformat(':');
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(CHARSET);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(CHARSET);

    private Resp() {
    }

    /** Appends {@code *n\r\n}; {@code n == -1} writes the null array. */
    public static void writeArrayHeader(ByteBuf out, int n) {
        if (n >= 0 && n < CACHED) {
            out.writeBytes(ARRAY_HEADERS[n]);
        } else if (n == -1) {
            out.writeBytes(NULL_ARRAY);
        } else {
            writeLine(out, '*', n);
        }
    }

    /** Appends {@code $len\r\n}, the header of a bulk string of {@code len} bytes. */
    public static void writeBulkHeader(ByteBuf out, int len) {
        if (len >= 0 && len < CACHED) {
            out.writeBytes(BULK_HEADERS[len]);
        } else {
            writeLine(out, '$', len);
        }
    }

    /** Appends the readable bytes of {@code value} as a bulk string; {@code value} is not consumed. */
    public static void writeBulk(ByteBuf out, ByteBuf value) {
        int len = value.readableBytes();
        writeBulkHeader(out, len);
        out.writeBytes(value, value.readerIndex(), len);
        out.writeShort(CRLF);
    }

    /** Appends {@code value} as a bulk string. */
    public static void writeBulk(ByteBuf out, byte[] value) {
        writeBulkHeader(out, value.length);
        out.writeBytes(value);
        out.writeShort(CRLF);
    }

    /** Appends the null bulk string {@code $-1\r\n} (a missing key in GET/MGET). */
    public static void writeNullBulk(ByteBuf out) {
        out.writeBytes(NULL_BULK);
    }

    /** Appends the integer reply {@code :value\r\n}. */
    public static void writeInteger(ByteBuf out, long value) {
        if (value >= 0 && value < CACHED) {
            out.writeBytes(INTEGERS[(int) value]);
        } else {
            writeLine(out, ':', value);
        }
    }

    /**
     * Appends the error reply {@code -text\r\n}. The caller includes the error code ("ERR ...",
     * "NOAUTH ..."). CR and LF in the text become spaces, as Redis's addReplyErrorFormat does, so
     * the reply stays one line; chars above U+00FF become '?' (see {@link #CHARSET}).
     */
    public static void writeError(ByteBuf out, CharSequence text) {
        out.writeByte('-');
        int start = out.writerIndex();
        out.writeCharSequence(text, CHARSET);
        for (int i = start; i < out.writerIndex(); i++) {
            byte b = out.getByte(i);
            if (b == '\r' || b == '\n') {
                out.setByte(i, ' ');
            }
        }
        out.writeShort(CRLF);
    }

    /** A new buffer holding {@code -text\r\n} (see {@link #writeError}); the caller owns it. */
    public static ByteBuf error(ByteBufAllocator alloc, String text) {
        ByteBuf out = alloc.buffer(text.length() + 3);
        writeError(out, text);
        return out;
    }

    static void writeCrlf(ByteBuf out) {
        out.writeShort(CRLF);
    }

    private static void writeLine(ByteBuf out, char marker, long n) {
        out.writeByte(marker);
        AsciiNumbers.write(out, n);
        out.writeShort(CRLF);
    }

    private static byte[][] preformat(char marker) {
        byte[][] lines = new byte[CACHED][];
        for (int i = 0; i < CACHED; i++) {
            lines[i] = (marker + Integer.toString(i) + "\r\n").getBytes(CHARSET);
        }
        return lines;
    }
}
