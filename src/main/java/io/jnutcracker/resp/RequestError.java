package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Emitted once by {@link RequestDecoder} when the client breaks the protocol, after every request
 * decoded before the fault. The decoder then ignores the rest of the connection's input.
 *
 * <p>The handler should behave as Redis does on a protocol error (networking.c,
 * setProtocolError): answer {@code -ERR <message>} after the replies to the earlier requests, then
 * close the connection once that is written.
 *
 * @param message Redis's text, e.g. {@code Protocol error: invalid bulk length}
 */
public record RequestError(String message) {

    /** A new buffer holding {@code -ERR <message>\r\n}; the caller owns it. */
    public ByteBuf reply(ByteBufAllocator alloc) {
        return Resp.error(alloc, "ERR " + message);
    }
}
