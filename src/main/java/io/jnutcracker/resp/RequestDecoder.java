package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Client side: decodes every complete command in the input into a {@link Request}, in order,
 * whatever the TCP segmentation. Replaces the request half of nutcracker's redis_parse_req, but
 * follows Redis's own parser (networking.c processMultibulkBuffer / processInlineBuffer, Redis 7)
 * for what is accepted and for the error texts, since clients were written against Redis.
 *
 * <p>A flat state machine: one method per state, returning {@code false} when it needs more
 * bytes. Nothing is consumed until a frame is complete; progress is kept as an offset from the
 * reader index because the cumulation buffer may be copied or chained between calls. A complete
 * RESP frame is emitted as a retained slice of the input, or as a chain of slices of the reads it
 * arrived in when it spans them ({@link Chain}): a large value is never copied.
 *
 * <p>As in Redis: {@code *0} and {@code *-1} (any count below 1) are skipped, as are inline lines
 * without arguments (an empty line). A first byte other than '*' starts an inline command.
 * Stricter than Redis, so that a frame is always valid RESP: the CRLF after a bulk payload and
 * the LF after a header's CR are checked (Redis skips two bytes unchecked); a violation reads as
 * {@code invalid bulk length} / {@code invalid multibulk length}. Redis's limits for
 * unauthenticated clients are left to the handler.
 *
 * <p>On a protocol error the decoder emits one {@link RequestError} after the requests before it,
 * then drops everything the connection sends afterwards.
 */
public final class RequestDecoder extends ByteToMessageDecoder implements ReadGuide {
    /** Redis proto-max-bulk-len default: 512 MB. */
    public static final int MAX_BULK_LENGTH = 512 * 1024 * 1024;
    /** Most arguments per command (Redis up to 6.2; Redis 7 accepts up to INT_MAX). */
    public static final int MAX_MULTIBULK_LENGTH = 1024 * 1024;
    /** Redis PROTO_INLINE_MAX_SIZE: longest inline line, and longest '*' or '$' header line. */
    public static final int MAX_INLINE_LENGTH = 64 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int NEED_MORE = -1;
    private static final int TOO_LONG = -2;
    /** Keeps every offset in a frame within int range (a ByteBuf cannot be larger anyway). */
    private static final long MAX_FRAME_LENGTH = Integer.MAX_VALUE - 8;

    private enum State { START, ARG_COUNT, BULK_LENGTH, BULK_DATA, INLINE, DISCARD }

    private final int maxMultibulkLength;
    private final int maxBulkLength;
    private final InlineParser inline = new InlineParser();

    private State state = State.START;
    /** Bytes of the current frame already parsed, counted from in.readerIndex(). */
    private int pos;
    private int argc;
    private int argsDone;
    /** Offset/length pairs of the arguments parsed so far (see Request). */
    private int[] spans;
    /** BULK_DATA: payload length of the argument being read. */
    private int bulkLength;
    /** INLINE: bytes already searched for LF, so a slowly arriving line is not rescanned. */
    private int scanned;

    public RequestDecoder() {
        this(MAX_MULTIBULK_LENGTH, MAX_BULK_LENGTH);
    }

    /** Limits other than Redis's defaults, e.g. a lower proto-max-bulk-len. */
    public RequestDecoder(int maxMultibulkLength, int maxBulkLength) {
        this.maxMultibulkLength = maxMultibulkLength;
        this.maxBulkLength = maxBulkLength;
        setCumulator(Chain.CUMULATOR); // a large value is chained, never re-copied (see Chain)
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress;
        do {
            progress = switch (state) {
                case START -> start(in);
                case ARG_COUNT -> argCount(in, out);
                case BULK_LENGTH -> bulkLength(in, out);
                case BULK_DATA -> bulkData(in, out);
                case INLINE -> inline(ctx, in, out);
                case DISCARD -> discard(in);
            };
        } while (progress);
    }

    @Override
    public int bytesAwaited() {
        return state == State.BULK_DATA ? ReadGuide.rest(pos, bulkLength, actualReadableBytes()) : 0;
    }

    /** Bytes buffered and not yet decoded (for tests). */
    int bufferedBytes() {
        return actualReadableBytes();
    }

    private boolean start(ByteBuf in) {
        if (!in.isReadable()) {
            return false;
        }
        pos = 0;
        scanned = 0;
        state = in.getByte(in.readerIndex()) == '*' ? State.ARG_COUNT : State.INLINE;
        return true;
    }

    /** {@code *<count>\r\n} */
    private boolean argCount(ByteBuf in, List<Object> out) {
        int from = in.readerIndex();
        int cr = headerEnd(in, from);
        if (cr == NEED_MORE) {
            return false;
        }
        if (cr == TOO_LONG) {
            return fail(in, out, "Protocol error: too big mbulk count string");
        }
        long count = AsciiNumbers.parse(in, from + 1, cr);
        if (count == AsciiNumbers.INVALID && AsciiNumbers.isMinValue(in, from + 1, cr)) {
            count = 0; // string2ll reads LLONG_MIN, and Redis skips every count below 1
        }
        if (count == AsciiNumbers.INVALID || count > maxMultibulkLength || in.getByte(cr + 1) != LF) {
            return fail(in, out, "Protocol error: invalid multibulk length");
        }
        if (count <= 0) {
            in.readerIndex(cr + 2);
            state = State.START;
            return true;
        }
        argc = (int) count;
        argsDone = 0;
        spans = new int[2 * Math.min(argc, 64)];
        pos = cr + 2 - from;
        state = State.BULK_LENGTH;
        return true;
    }

    /** {@code $<length>\r\n} */
    private boolean bulkLength(ByteBuf in, List<Object> out) {
        int from = in.readerIndex() + pos;
        int cr = headerEnd(in, from);
        if (cr == NEED_MORE) {
            return false;
        }
        if (cr == TOO_LONG) {
            return fail(in, out, "Protocol error: too big bulk count string");
        }
        byte marker = in.getByte(from);
        if (marker != '$') {
            return fail(in, out, "Protocol error: expected '$', got '" + (char) (marker & 0xFF) + "'");
        }
        long length = AsciiNumbers.parse(in, from + 1, cr);
        int next = cr + 2 - in.readerIndex();
        if (length > maxBulkLength && length <= MAX_BULK_LENGTH && in.getByte(cr + 1) == LF) {
            // Valid for Redis, but more than this proxy may hold for one request: say so, not "invalid".
            return fail(in, out, "Protocol error: request too large: a value of " + length + " bytes is over the proxy's limit of "
                    + maxBulkLength + " bytes (its memory budget)");
        }
        if (length < 0 || length > maxBulkLength || in.getByte(cr + 1) != LF
                || next + length + 2 > MAX_FRAME_LENGTH) {
            return fail(in, out, "Protocol error: invalid bulk length");
        }
        bulkLength = (int) length;
        pos = next;
        state = State.BULK_DATA;
        return true;
    }

    /** {@code <bulkLength bytes>\r\n}; emits the request after its last argument. */
    private boolean bulkData(ByteBuf in, List<Object> out) {
        int end = pos + bulkLength;
        if (in.readableBytes() < end + 2) {
            return false;
        }
        int crlf = in.readerIndex() + end;
        if (in.getByte(crlf) != CR || in.getByte(crlf + 1) != LF) {
            return fail(in, out, "Protocol error: invalid bulk length");
        }
        if (2 * argsDone == spans.length) {
            spans = Arrays.copyOf(spans, 2 * Math.min(argc, 2 * argsDone));
        }
        spans[2 * argsDone] = pos;
        spans[2 * argsDone + 1] = bulkLength;
        pos = end + 2;
        if (++argsDone < argc) {
            state = State.BULK_LENGTH;
            return true;
        }
        out.add(new Request(Chain.take(in, pos), argc, spans));
        spans = null;
        state = State.START;
        return true;
    }

    /** A line up to LF (a CR before it is dropped), split as Redis splits inline commands. */
    private boolean inline(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int from = in.readerIndex();
        int limit = Math.min(in.writerIndex(), from + MAX_INLINE_LENGTH + 1);
        int lf = in.indexOf(from + scanned, limit, LF);
        if (lf < 0) {
            // Redis errors once more than 64 KB are buffered without a newline. Judging the first
            // 64 KB + 1 only, whatever else is buffered, gives the same answer for every split.
            if (limit - from > MAX_INLINE_LENGTH) {
                return fail(in, out, "Protocol error: too big inline request");
            }
            scanned = limit - from;
            return false;
        }
        int end = lf > from && in.getByte(lf - 1) == CR ? lf - 1 : lf;
        int argCount = inline.split(in, from, end);
        if (argCount == InlineParser.UNBALANCED) {
            return fail(in, out, "Protocol error: unbalanced quotes in request");
        }
        in.readerIndex(lf + 1);
        if (argCount > 0) {
            out.add(inline.toRequest(ctx.alloc()));
        }
        state = State.START;
        return true;
    }

    private boolean discard(ByteBuf in) {
        in.skipBytes(in.readableBytes());
        return false;
    }

    private boolean fail(ByteBuf in, List<Object> out, String message) {
        out.add(new RequestError(message));
        spans = null;
        state = State.DISCARD;
        return discard(in);
    }

    /**
     * Absolute index of the CR ending the header line that starts at {@code from}, once the byte
     * after it is buffered too (as Redis, which finds CR with strchr). NEED_MORE if incomplete,
     * TOO_LONG if there is no CR within 64 KB (Redis: "too big ... count string").
     */
    private static int headerEnd(ByteBuf in, int from) {
        int limit = Math.min(in.writerIndex(), from + MAX_INLINE_LENGTH + 1);
        int cr = in.indexOf(from, limit, CR);
        if (cr < 0) {
            return limit - from > MAX_INLINE_LENGTH ? TOO_LONG : NEED_MORE;
        }
        return cr + 1 < in.writerIndex() ? cr : NEED_MORE;
    }
}
