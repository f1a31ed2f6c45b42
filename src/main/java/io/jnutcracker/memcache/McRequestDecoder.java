package io.jnutcracker.memcache;

import io.jnutcracker.command.McCommand;
import io.jnutcracker.resp.Chain;
import io.jnutcracker.resp.ReadGuide;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.RequestError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Client side of a memcached pool: decodes every complete command into a {@link Request}, in
 * order, whatever the TCP segmentation (nutcracker {@code memcache_parse_req}). The frame is the
 * command line and, for storage commands, its data block of the declared length with the CRLF
 * after it, as the client sent them (binary safe; a large block is a chain, never copied); the
 * arguments are the line's space-separated tokens.
 *
 * <p>Where nutcracker closes the connection without a word, this answers memcached's own line in
 * order and goes on where memcached does (proto_text.c, memcached 1.6): {@code ERROR} for an
 * unknown command, an empty line or a wrong number of tokens; {@code CLIENT_ERROR bad command
 * line format} for a key over 250 bytes or a bad length; {@code CLIENT_ERROR bad data chunk} when
 * the block is not followed by CRLF; {@code SERVER_ERROR object too large for cache} for a block
 * over the proxy's limit, whose bytes are then skipped as they arrive. A line over 2048 bytes
 * (other than a get/gets, which may be up to 1 MB) closes the connection after
 * {@code CLIENT_ERROR line too long} (memcached closes without a word).
 */
public final class McRequestDecoder extends ByteToMessageDecoder implements ReadGuide {
    /** Longest command line memcached reads before giving up on it (other than get/gets), in bytes. */
    public static final int MAX_LINE = 2048;
    /** Longest get/gets line, in bytes: memcached reads those on whatever their length; 1 MB is thousands of keys. */
    public static final int MAX_GET_LINE = 1024 * 1024;

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private enum State { LINE, DATA, SWALLOW, DISCARD }

    private final int largestValue;
    private State state = State.LINE;
    /** LINE: bytes already searched for LF. DATA: the line's length, LF included. */
    private int pos;
    /** DATA: the block's length; SWALLOW: bytes still to skip. */
    private long remaining;
    private int argc;
    private int[] spans = new int[16];

    /** {@code largestValue}: longest data block the proxy accepts, in bytes (its memory budget). */
    public McRequestDecoder(int largestValue) {
        this.largestValue = largestValue;
        setCumulator(Chain.CUMULATOR);
    }

    @Override
    public int bytesAwaited() {
        return state == State.DATA ? ReadGuide.rest(pos, (int) remaining, actualReadableBytes()) : 0;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress;
        do {
            progress = switch (state) {
                case LINE -> line(in, out);
                case DATA -> data(in, out);
                case SWALLOW -> swallow(in);
                case DISCARD -> discard(in);
            };
        } while (progress);
    }

    /** Bytes buffered and not yet decoded (for tests). */
    public int bufferedBytes() {
        return actualReadableBytes();
    }

    private boolean line(ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return false;
        }
        int from = in.readerIndex();
        int limit = Math.min(in.writerIndex(), from + lineLimit(in, from) + 1);
        int lf = in.indexOf(from + pos, limit, LF);
        if (lf < 0) {
            if (limit - from > lineLimit(in, from)) {
                return fail(in, out, "CLIENT_ERROR line too long");
            }
            pos = limit - from;
            return false;
        }
        pos = 0;
        int end = lf > from && in.getByte(lf - 1) == CR ? lf - 1 : lf;
        tokenize(in, from, end);
        McCommand command = argc == 0 ? null : McCommand.lookup(in, from + spans[0], spans[1]);
        if (command == null || !command.shape().accepts(argc)) {
            return answer(in, out, lf, "ERROR"); // memcached: unknown, empty or wrong token count
        }
        if (!command.shape().hasData()) {
            if (!keysFit(command)) {
                return answer(in, out, lf, "CLIENT_ERROR bad command line format");
            }
            out.add(Request.of(Chain.take(in, lf + 1 - from), argc, Arrays.copyOf(spans, 2 * argc)));
            return true;
        }
        long length = digits(in, from + spans[2 * McCommand.LENGTH_ARG], spans[2 * McCommand.LENGTH_ARG + 1]);
        if (length < 0) {
            return answer(in, out, lf, "CLIENT_ERROR bad command line format");
        }
        String refusal = !keysFit(command) ? "CLIENT_ERROR bad command line format"
                : length > largestValue ? "SERVER_ERROR object too large for cache" : null;
        if (refusal != null) {
            // memcached swallows a refused block too (conn_swallow), so it is not read as commands.
            out.add(RequestError.memcached(refusal, false));
            in.readerIndex(lf + 1);
            remaining = length + 2;
            state = State.SWALLOW;
            return true;
        }
        pos = lf + 1 - from;
        remaining = length;
        state = State.DATA;
        return true;
    }

    private boolean data(ByteBuf in, List<Object> out) {
        long frameLength = pos + remaining + 2;
        if (in.readableBytes() < frameLength) {
            return false;
        }
        int crlf = in.readerIndex() + (int) (pos + remaining);
        state = State.LINE;
        pos = 0;
        if (in.getByte(crlf) != CR || in.getByte(crlf + 1) != LF) {
            in.skipBytes((int) frameLength); // memcached reads <bytes>+2 and then judges them
            out.add(RequestError.memcached("CLIENT_ERROR bad data chunk", false));
            return true;
        }
        out.add(Request.of(Chain.take(in, (int) frameLength), argc, Arrays.copyOf(spans, 2 * argc)));
        return true;
    }

    private boolean swallow(ByteBuf in) {
        int skip = (int) Math.min(remaining, in.readableBytes());
        in.skipBytes(skip);
        remaining -= skip;
        if (remaining > 0) {
            return false;
        }
        state = State.LINE;
        return true;
    }

    private boolean discard(ByteBuf in) {
        in.skipBytes(in.readableBytes());
        return false;
    }

    private boolean answer(ByteBuf in, List<Object> out, int lf, String line) {
        in.readerIndex(lf + 1);
        out.add(RequestError.memcached(line, false));
        return true;
    }

    private boolean fail(ByteBuf in, List<Object> out, String line) {
        out.add(RequestError.memcached(line, true));
        state = State.DISCARD;
        return discard(in);
    }

    /** How long the line starting at {@code from} may be: get/gets lines carry many keys. */
    private int lineLimit(ByteBuf in, int from) {
        return startsWith(in, from, "get ") || startsWith(in, from, "gets ") ? MAX_GET_LINE : MAX_LINE;
    }

    private static boolean startsWith(ByteBuf in, int from, String prefix) {
        if (in.writerIndex() - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(from + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Splits {@code [from, end)} on spaces (memcached's tokenizer), offsets relative to {@code from}. */
    private void tokenize(ByteBuf in, int from, int end) {
        argc = 0;
        int i = from;
        while (i < end) {
            while (i < end && in.getByte(i) == ' ') {
                i++;
            }
            if (i == end) {
                break;
            }
            int start = i;
            while (i < end && in.getByte(i) != ' ') {
                i++;
            }
            if (2 * argc + 2 > spans.length) {
                spans = Arrays.copyOf(spans, spans.length * 2);
            }
            spans[2 * argc] = start - from;
            spans[2 * argc + 1] = i - start;
            argc++;
        }
    }

    /** Every key of 1..250 bytes (memcached KEY_MAX_LENGTH; nutcracker closes on a longer one). */
    private boolean keysFit(McCommand command) {
        int last = command.keyStep() > 0 ? argc - 1 : command.keyArg();
        for (int k = command.keyArg(); k <= last && k > 0; k++) {
            if (spans[2 * k + 1] > McCommand.MAX_KEY_LENGTH) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative decimal of at most 10 digits, or -1 (memcached safe_strtol on vlen). */
    private static long digits(ByteBuf in, int index, int length) {
        if (length == 0 || length > 10) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            int b = in.getByte(index + i);
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value > Integer.MAX_VALUE - 2 ? -1 : value;
    }
}
