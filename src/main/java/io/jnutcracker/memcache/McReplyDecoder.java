package io.jnutcracker.memcache;

import io.jnutcracker.resp.Chain;
import io.jnutcracker.resp.ProtocolException;
import io.jnutcracker.resp.ReadGuide;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.RespType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Server side of a memcached pool: decodes every complete reply into a {@link Reply}, in order
 * (nutcracker {@code memcache_parse_rsp}, which likewise only finds where each reply ends). A
 * retrieval ({@code VALUE <key> <flags> <bytes> [<cas>]} lines, each with its data block, then
 * {@code END}) is one reply, typed {@code ARRAY}, whose elements are the offsets of its values and
 * of the {@code END} line (for merging a split get); {@code ERROR}, {@code CLIENT_ERROR ...} and
 * {@code SERVER_ERROR ...} are typed {@code ERROR}; any other line ({@code STORED}, a number,
 * {@code VERSION ...}) is one {@code SIMPLE_STRING} reply. Values span reads as chains, never
 * copied. Bytes that are no memcached reply throw {@link ProtocolException}: the backend
 * connection closes, as nutcracker closes it on a parse error.
 */
public final class McReplyDecoder extends ByteToMessageDecoder implements ReadGuide {
    /** Longest reply line accepted, in bytes; memcached's are under 1 KB. */
    static final int MAX_LINE = 64 * 1024;

    private static final byte LF = '\n';

    private enum State { LINE, DATA, FAILED }

    private State state = State.LINE;
    /** Bytes of the current reply already parsed, from the reader index. */
    private int pos;
    /** LINE: bytes of the current line already searched for LF. */
    private int scanned;
    /** DATA: length of the value being read, CRLF excluded. */
    private int dataLength;
    /** Offsets of the VALUE lines of the retrieval being read; null when none is open. */
    private int[] values;
    private int valueCount;

    public McReplyDecoder() {
        setCumulator(Chain.CUMULATOR);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress;
        do {
            progress = switch (state) {
                case LINE -> line(in, out);
                case DATA -> data(in);
                case FAILED -> discard(in);
            };
        } while (progress);
    }

    @Override
    public int bytesAwaited() {
        return state == State.DATA ? ReadGuide.rest(pos, dataLength, actualReadableBytes()) : 0;
    }

    /** Bytes buffered and not yet decoded (for tests). */
    public int bufferedBytes() {
        return actualReadableBytes();
    }

    private boolean line(ByteBuf in, List<Object> out) {
        int base = in.readerIndex();
        int from = base + pos;
        int limit = Math.min(in.writerIndex(), from + MAX_LINE + 1);
        int lf = in.indexOf(from + scanned, limit, LF);
        if (lf < 0) {
            if (limit - from > MAX_LINE) {
                throw fail(in, "reply line too long");
            }
            scanned = limit - from;
            return false;
        }
        scanned = 0;
        if (startsWith(in, from, lf, "VALUE ")) {
            int length = valueLength(in, from, lf);
            if (length < 0) {
                throw fail(in, "invalid VALUE line in reply");
            }
            if (values == null) {
                values = new int[8];
                valueCount = 0;
            } else if (valueCount + 1 == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[valueCount++] = pos;
            dataLength = length;
            pos = lf + 1 - base;
            state = State.DATA;
            return true;
        }
        RespType type = isError(in, from, lf) ? RespType.ERROR : RespType.SIMPLE_STRING;
        int[] elements = null;
        int count = -1;
        if (values != null || lineIs(in, from, lf, "END")) {
            elements = values == null ? new int[1] : Arrays.copyOf(values, valueCount + 1);
            count = values == null ? 0 : valueCount;
            elements[count] = pos; // the END line (or the line that cut the retrieval short)
            type = type == RespType.ERROR ? type : RespType.ARRAY;
            values = null;
        }
        int length = lf + 1 - base;
        pos = 0;
        out.add(Reply.framed(Chain.take(in, length), type, count, elements));
        return true;
    }

    private boolean data(ByteBuf in) {
        int end = pos + dataLength;
        if (in.readableBytes() < end + 2) {
            return false;
        }
        int crlf = in.readerIndex() + end;
        if (in.getByte(crlf) != '\r' || in.getByte(crlf + 1) != LF) {
            throw fail(in, "value not followed by CRLF in reply");
        }
        pos = end + 2;
        state = State.LINE;
        return true;
    }

    private boolean discard(ByteBuf in) {
        in.skipBytes(in.readableBytes());
        return false;
    }

    private ProtocolException fail(ByteBuf in, String message) {
        state = State.FAILED;
        values = null;
        in.skipBytes(in.readableBytes());
        return new ProtocolException(message);
    }

    private static boolean isError(ByteBuf in, int from, int lf) {
        return lineIs(in, from, lf, "ERROR") || startsWith(in, from, lf, "CLIENT_ERROR")
                || startsWith(in, from, lf, "SERVER_ERROR");
    }

    /** The line is exactly {@code text}, before CRLF (or a bare LF). */
    private static boolean lineIs(ByteBuf in, int from, int lf, String text) {
        int end = lf > from && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        return end - from == text.length() && startsWith(in, from, lf, text);
    }

    private static boolean startsWith(ByteBuf in, int from, int lf, String prefix) {
        if (lf - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(from + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code <bytes>} of {@code VALUE <key> <flags> <bytes> [<cas>]}, or -1. */
    private static int valueLength(ByteBuf in, int from, int lf) {
        int i = from;
        for (int spaces = 0; spaces < 3; i++) {
            if (i >= lf) {
                return -1;
            }
            if (in.getByte(i) == ' ') {
                spaces++;
            }
        }
        long value = 0;
        int digits = 0;
        for (; i < lf; i++, digits++) {
            int b = in.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
            if (value > Integer.MAX_VALUE - 16) {
                return -1;
            }
        }
        int next = i < lf ? in.getByte(i) : -1;
        return digits == 0 || next != ' ' && next != '\r' ? -1 : (int) value;
    }
}
