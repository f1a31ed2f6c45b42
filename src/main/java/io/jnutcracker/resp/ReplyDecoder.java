package io.jnutcracker.resp;

import io.jnutcracker.resp.RespType.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Backend side: decodes every complete reply in the input into a {@link Reply}, in order, whatever
 * the TCP segmentation. Replaces the reply half of nutcracker's proto/nc_redis.c
 * (redis_parse_rsp), which likewise only finds where each reply ends.
 *
 * <p>No object tree: nesting is tracked with an int stack of "children still expected" per open
 * aggregate, and only the start offsets of the top-level elements are recorded (for MGET merging).
 * Nothing is consumed until the reply is complete; progress is an offset from the reader index
 * because the cumulation buffer may be copied or chained between calls. The reply is emitted as a
 * retained slice of the input, or as a chain of slices of the reads it arrived in ({@link Chain}).
 *
 * <p>Accepts RESP2 ({@code + - : $ *}, {@code $-1}, {@code *-1}, any depth) and tolerates the RESP3
 * types of {@link RespType}. Anything else (unknown type byte, malformed length, missing CRLF)
 * throws {@link ProtocolException}: the stream cannot be resynchronised, so the handler must
 * close the backend connection. Replies completed before the fault are still delivered first,
 * and all later input is dropped so the exception is raised once.
 */
public final class ReplyDecoder extends ByteToMessageDecoder implements ReadGuide {
    /** Longest length or integer line, CR excluded; real ones are at most 21 bytes. */
    static final int MAX_HEADER_LENGTH = 64 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final long MAX_FRAME_LENGTH = Integer.MAX_VALUE - 8;

    private enum State { HEADER, BULK_DATA, FAILED }

    private State state = State.HEADER;

    public ReplyDecoder() {
        setCumulator(Chain.CUMULATOR); // a large reply is chained, never re-copied (see Chain)
    }

    /** Bytes of the current reply already parsed, counted from in.readerIndex(). */
    private int pos;
    /** HEADER: bytes of the current line already searched for CR (long status lines). */
    private int scanned;
    /** BULK_DATA: payload length of the bulk being read. */
    private int bulkLength;
    /** remaining[d] = children still expected by the open aggregate at depth d. */
    private int[] remaining = new int[8];
    private int depth;

    // The reply being decoded: its outermost value.
    private RespType type;
    private int count;
    private long integer;
    private int[] elements;
    private int elementsFound;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress;
        do {
            progress = switch (state) {
                case HEADER -> header(in, out);
                case BULK_DATA -> bulkData(in, out);
                case FAILED -> discard(in);
            };
        } while (progress);
    }

    /**
     * Decodes one complete value already in memory, such as an element of an aggregate
     * ({@link Reply#element}): the same state machine, so a nested reply (Sentinel's answers, for one)
     * is read by the project's one RESP reader. The result holds a reference of its own; {@code frame}
     * is neither consumed nor released.
     *
     * @throws ProtocolException when {@code frame} is not exactly one complete value
     */
    public static Reply decodeWhole(ByteBuf frame) {
        ByteBuf in = frame.duplicate();
        List<Object> out = new java.util.ArrayList<>(1);
        new ReplyDecoder().decode(null, in, out);
        if (out.size() != 1 || in.isReadable()) {
            out.forEach(o -> ((Reply) o).release());
            throw new ProtocolException("not one complete reply");
        }
        return (Reply) out.get(0);
    }

    @Override
    public int bytesAwaited() {
        return state == State.BULK_DATA ? ReadGuide.rest(pos, bulkLength, actualReadableBytes()) : 0;
    }

    /** Bytes buffered and not yet decoded (for tests). */
    int bufferedBytes() {
        return actualReadableBytes();
    }

    /** One type byte and its line, e.g. {@code +OK\r\n}, {@code $3\r\n}, {@code *2\r\n}. */
    private boolean header(ByteBuf in, List<Object> out) {
        int base = in.readerIndex();
        int from = base + pos;
        int writer = in.writerIndex();
        if (from >= writer) {
            return false;
        }
        RespType t = RespType.fromMarker(in.getByte(from));
        if (t == null) {
            throw fail(in, String.format("unknown reply type byte 0x%02x", in.getByte(from) & 0xFF));
        }
        // Numbers must end within MAX_HEADER_LENGTH whatever is buffered after them, so the
        // outcome does not depend on segmentation; status and error lines are not limited.
        boolean numeric = t.framing() != Framing.LINE || t == RespType.INTEGER;
        int limit = numeric ? Math.min(writer, from + MAX_HEADER_LENGTH) : writer;
        int cr = in.indexOf(from + 1 + scanned, limit, CR);
        if (cr < 0 && limit - from == MAX_HEADER_LENGTH && numeric) {
            throw fail(in, "reply header line too long");
        }
        if (cr < 0 || cr + 1 == writer) {
            scanned = (cr < 0 ? limit : cr) - from - 1;
            return false;
        }
        if (in.getByte(cr + 1) != LF) {
            throw fail(in, "CR not followed by LF in reply");
        }
        scanned = 0;
        if (depth == 1) {
            addElement(pos); // a top-level element starts here
        }
        boolean top = depth == 0;
        if (top) {
            type = t;
        }
        pos = cr + 2 - base;
        return switch (t.framing()) {
            case LINE -> line(in, out, t, from, cr, top);
            case BULK -> bulkHeader(in, out, t, from, cr, top);
            case AGGREGATE -> aggregateHeader(in, out, t, from, cr, top);
        };
    }

    private boolean line(ByteBuf in, List<Object> out, RespType t, int from, int cr, boolean top) {
        if (t == RespType.INTEGER) {
            long value = AsciiNumbers.parse(in, from + 1, cr);
            if (value == AsciiNumbers.INVALID && !AsciiNumbers.isMinValue(in, from + 1, cr)) {
                throw fail(in, "invalid integer reply");
            }
            if (top) {
                integer = value;
            }
        }
        return finishValue(in, out);
    }

    private boolean bulkHeader(ByteBuf in, List<Object> out, RespType t, int from, int cr, boolean top) {
        long length = AsciiNumbers.parse(in, from + 1, cr);
        if (length == -1 && t == RespType.BULK_STRING) {
            if (top) {
                count = -1;
            }
            return finishValue(in, out); // null bulk
        }
        // Not pos + length + 2 > MAX_FRAME_LENGTH: that overflows for lengths near Long.MAX_VALUE.
        if (length < 0 || length > MAX_FRAME_LENGTH - 2 - pos) {
            throw fail(in, "invalid bulk length in reply");
        }
        if (top) {
            count = (int) length;
        }
        bulkLength = (int) length;
        state = State.BULK_DATA;
        return true;
    }

    private boolean aggregateHeader(ByteBuf in, List<Object> out, RespType t, int from, int cr, boolean top) {
        long n = AsciiNumbers.parse(in, from + 1, cr);
        // Divide rather than multiply: n * 2 overflows for a map count of 2^62 or more.
        if (n < -1 || n > (Integer.MAX_VALUE - 1) / t.childrenPerElement()) {
            throw fail(in, "invalid multibulk length in reply");
        }
        if (n <= 0) {
            if (top) {
                count = (int) n;
            }
            return finishValue(in, out); // null or empty aggregate: complete already
        }
        int children = (int) n * t.childrenPerElement();
        if (top) {
            count = children;
            elements = new int[Math.min(children, 64) + 1];
            elementsFound = 0;
        }
        if (depth == remaining.length) {
            remaining = Arrays.copyOf(remaining, depth * 2);
        }
        remaining[depth++] = children;
        return true;
    }

    /** {@code <bulkLength bytes>\r\n} */
    private boolean bulkData(ByteBuf in, List<Object> out) {
        int end = pos + bulkLength;
        if (in.readableBytes() < end + 2) {
            return false;
        }
        int crlf = in.readerIndex() + end;
        if (in.getByte(crlf) != CR || in.getByte(crlf + 1) != LF) {
            throw fail(in, "bulk payload not followed by CRLF in reply");
        }
        pos = end + 2;
        state = State.HEADER;
        return finishValue(in, out);
    }

    /** A value ended at pos: close the aggregates it completes; emit the reply if it was the last. */
    private boolean finishValue(ByteBuf in, List<Object> out) {
        while (depth > 0) {
            if (--remaining[depth - 1] > 0) {
                return true;
            }
            depth--; // that aggregate is complete, which completes a value of its parent
        }
        if (elements != null) {
            addElement(pos); // end of the last element
        }
        out.add(new Reply(Chain.take(in, pos), type, count, integer, elements));
        pos = 0;
        type = null;
        count = 0;
        integer = 0;
        elements = null;
        return true;
    }

    private void addElement(int offset) {
        if (elementsFound == elements.length) {
            elements = Arrays.copyOf(elements, Math.min(count + 1, elementsFound * 2));
        }
        elements[elementsFound++] = offset;
    }

    private boolean discard(ByteBuf in) {
        in.skipBytes(in.readableBytes());
        return false;
    }

    private ProtocolException fail(ByteBuf in, String message) {
        state = State.FAILED;
        discard(in);
        return new ProtocolException(message);
    }
}
