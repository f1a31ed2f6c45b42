package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Emitted by a request decoder when the client breaks the protocol, in order among the requests.
 *
 * <p>Redis ({@link RequestDecoder}): emitted once, after every request decoded before the fault;
 * the decoder then ignores the rest of the input, and the handler behaves as Redis does on a
 * protocol error (networking.c, setProtocolError): answer {@code -ERR <message>} after the replies
 * to the earlier requests, then close once that is written. memcached
 * ({@code memcache.McRequestDecoder}): memcached's own error line, after which the connection
 * goes on unless {@link #closes()}.
 *
 * @param message the text, e.g. {@code Protocol error: invalid bulk length} or {@code ERROR}
 * @param line the whole reply line, without CRLF
 * @param closes whether the connection closes once the reply is written
 */
public record RequestError(String message, String line, boolean closes) {

    /** A Redis protocol error: {@code -ERR <message>}, then close. */
    public RequestError(String message) {
        this(message, "-ERR " + message, true);
    }

    /** A memcached error line such as {@code ERROR} or {@code CLIENT_ERROR bad data chunk}. */
    public static RequestError memcached(String line, boolean closes) {
        return new RequestError(line, line, closes);
    }

    /** A new buffer holding the reply line and CRLF; the caller owns it. */
    public ByteBuf reply(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(line.length() + 2);
        out.writeCharSequence(line, Resp.CHARSET);
        for (int i = 0; i < out.writerIndex(); i++) {
            byte b = out.getByte(i);
            if (b == '\r' || b == '\n') {
                out.setByte(i, ' '); // one line whatever the text quotes, as Redis's addReplyErrorFormat
            }
        }
        return out.writeByte('\r').writeByte('\n');
    }
}
