package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.util.Objects;

/**
 * One client command as decoded by {@link RequestDecoder}.
 *
 * <p>{@link #frame()} is always a RESP multibulk of bulk strings, ready to forward to a backend
 * as is: a retained slice of the client's input (zero copy) or, for an inline command, a new
 * buffer holding its RESP encoding. The frame starts at index 0 and the argument offsets are
 * absolute indices into it, so they stay valid after the frame's reader index moves (e.g. after
 * it was written). Argument positions are two ints per argument in one array: no per-argument
 * objects.
 *
 * <p>Ownership: the receiver owns one reference and must {@link #release()} it exactly once. This
 * object's reference count is the frame's (Netty's {@code DefaultByteBufHolder}): writing {@code frame()} to a channel hands that
 * reference to the channel, so call {@link #retain()} first if the arguments are still needed
 * afterwards (e.g. to log the key or to retry), and release once more when done.
 */
public final class Request extends DefaultByteBufHolder {
    /** The same buffer as {@link #content()}, readable whatever its reference count (for logs). */
    private final ByteBuf frame;
    private final int frameLength;
    private final int argc;
    /** spans[2i] = index of argument i's first byte in frame, spans[2i+1] = its length. */
    private final int[] spans;

    Request(ByteBuf frame, int argc, int[] spans) {
        super(frame);
        this.frame = frame;
        this.frameLength = frame.readableBytes();
        this.argc = argc;
        this.spans = spans;
    }

    /**
     * A request another protocol's decoder framed (memcached): {@code frame} (its one reference
     * passes to the new object) holds the request as it goes to the server, {@code spans} its
     * arguments as offset/length pairs from the frame's index 0 (see the class comment).
     */
    public static Request of(ByteBuf frame, int argc, int[] spans) {
        return new Request(frame, argc, spans);
    }

    /** The encoded command; not retained for the caller (see the class comment). */
    public ByteBuf frame() {
        return frame;
    }

    /** Length of the encoded command in bytes, as decoded. */
    public int frameLength() {
        return frameLength;
    }

    /** Number of arguments, command name included; always at least 1. */
    public int argc() {
        return argc;
    }

    /** Index in {@link #frame()} of the first byte of argument {@code i} (0 is the command name). */
    public int argOffset(int i) {
        return spans[2 * Objects.checkIndex(i, argc)];
    }

    /** Length in bytes of argument {@code i}. */
    public int argLength(int i) {
        return spans[2 * Objects.checkIndex(i, argc) + 1];
    }

    /** A view of argument {@code i}, sharing the frame's memory and reference count (not retained). */
    public ByteBuf arg(int i) {
        return frame.slice(argOffset(i), argLength(i));
    }

    /**
     * Argument {@code i} as a String, one char per byte (ISO-8859-1, see {@link Resp#CHARSET}).
     * Allocates: for logs, errors and admin commands, not for routing.
     */
    public String argString(int i) {
        return frame.toString(argOffset(i), argLength(i), Resp.CHARSET);
    }

    /**
     * True if argument {@code i} equals {@code upperCaseAscii} ignoring ASCII case, e.g.
     * {@code argIs(0, GET)} with {@code GET = "GET".getBytes()}. Only a-z are folded, as
     * nutcracker's str*icmp macros do; no allocation.
     */
    public boolean argIs(int i, byte[] upperCaseAscii) {
        int offset = argOffset(i);
        if (argLength(i) != upperCaseAscii.length) {
            return false;
        }
        for (int k = 0; k < upperCaseAscii.length; k++) {
            int b = frame.getByte(offset + k);
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            if (b != upperCaseAscii[k]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Request(argc=" + argc + ", frameLength=" + frameLength + ")";
    }
}
