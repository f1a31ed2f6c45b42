package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Fixed replies the proxy answers by itself: the analog of nutcracker's {@code RSP_STRING} table
 * in proto/nc_redis.c (ok, pong and the three auth errors), plus a few constant RESP values.
 *
 * <p>Ownership: each constant holds one shared, read-only, unreleasable direct buffer.
 * {@link #buffer()} returns a fresh view of it with its own indices, so it can be written to any
 * channel (which advances and then releases what it is given) any number of times; releasing
 * the view is harmless and not needed. Never write the same view twice.
 */
public enum CannedReply {
    OK("+OK\r\n"),
    PONG("+PONG\r\n"),
    ZERO(":0\r\n"),
    ONE(":1\r\n"),
    NULL_BULK("$-1\r\n"),
    NULL_ARRAY("*-1\r\n"),
    EMPTY_ARRAY("*0\r\n"),
    /** nutcracker's rsp_invalid_password: AUTH with the wrong password. */
    INVALID_PASSWORD("-ERR invalid password\r\n"),
    /** nutcracker's rsp_auth_required: a command before AUTH on a pool with redis_auth. */
    AUTH_REQUIRED("-NOAUTH Authentication required\r\n"),
    /** nutcracker's rsp_no_password: AUTH on a pool without redis_auth. */
    NO_PASSWORD("-ERR Client sent AUTH, but no password is set\r\n"),
    /** Keys of one request on several servers, where no split is defined (Redis Cluster's wording). */
    CROSS_SERVER("-CROSSSLOT Keys in request don't hash to the same server\r\n");

    private final ByteBuf shared;

    CannedReply(String text) {
        byte[] bytes = text.getBytes(Resp.CHARSET);
        // Leak detection off: these buffers live for the whole JVM and are never released.
        ByteBufAllocator alloc = new UnpooledByteBufAllocator(true, true);
        ByteBuf buf = alloc.directBuffer(bytes.length, bytes.length).writeBytes(bytes);
        this.shared = Unpooled.unreleasableBuffer(buf.asReadOnly());
    }

    /** A fresh, independently indexed view of the reply; releasing it is a no-op. */
    public ByteBuf buffer() {
        return shared.duplicate();
    }

    /** Appends the reply's bytes to {@code out} (to batch it with other replies in one buffer). */
    public void writeTo(ByteBuf out) {
        out.writeBytes(shared, shared.readerIndex(), shared.readableBytes());
    }

    /** Length of the encoded reply in bytes. */
    public int length() {
        return shared.readableBytes();
    }
}
