package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * How the decoders hold bytes that span reads, and hand out frames, without ever copying a large
 * value (nutcracker chains fixed-size mbufs and writes them out as they are; we chain the buffers
 * the socket reads arrived in).
 *
 * <ul>
 *   <li>{@link #CUMULATOR}: a small leftover is copied in front of the next read if that read is
 *       small too (one flat buffer is cheaper to parse, and small frames stay contiguous); a large
 *       leftover, or a large read, is chained with it, component by component, no copy. A large
 *       read buffer that came back nearly empty is first copied down to its contents.
 *   <li>{@link #take}: a frame inside one read buffer is a retained slice of it (zero copy); a frame
 *       spanning reads is a chain of retained slices of each (no copy), or, if small, one copy. The
 *       read buffers the decoder no longer needs are released at once, so a frame pins only the
 *       buffers holding its own bytes, never the whole cumulation.
 * </ul>
 */
public final class Chain {
    /**
     * Bytes below which a leftover or a frame spanning reads is copied rather than chained, in
     * bytes: a copy this small costs less than composite indexing on every later access.
     */
    static final int COPY_LIMIT = 4096;

    /**
     * Most components a chain is written as one message with, below Linux's IOV_MAX (1024): Netty's
     * native transport copies a buffer of more into one contiguous buffer before writing it.
     */
    static final int WRITE_COMPONENTS = 512;

    /** {@link ByteToMessageDecoder.Cumulator} for both RESP decoders (see the class comment). */
    public static final ByteToMessageDecoder.Cumulator CUMULATOR = Chain::cumulate;

    private Chain() {
    }

    /**
     * A read buffer at least this large, in bytes, holding under a quarter of its capacity is
     * copied down to its contents before it joins a chain (a read sized for a large value that got
     * a trickle; see backend's GuidedReads): what a chain pins stays within 4x what it holds.
     */
    static final int SPARSE_CAPACITY = 64 * 1024;

    private static ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (!cumulation.isReadable()) {
            cumulation.release();
            return in;
        }
        if (in.capacity() >= SPARSE_CAPACITY && in.readableBytes() < in.capacity() / 4) {
            ByteBuf dense = alloc.ioBuffer(in.readableBytes());
            try {
                dense.writeBytes(in);
            } finally {
                in.release();
            }
            in = dense;
        }
        if (cumulation.readableBytes() >= COPY_LIMIT || in.readableBytes() >= SPARSE_CAPACITY) {
            // A large leftover, or a large read (one sized for a value) behind a small one: chained.
            return ByteToMessageDecoder.COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
        if (!(cumulation instanceof CompositeByteBuf)) {
            return ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
        // The small tail of a chain (a large frame just left it): flat again.
        ByteBuf flat = alloc.buffer(cumulation.readableBytes() + in.readableBytes());
        try {
            flat.writeBytes(cumulation).writeBytes(in);
            return flat;
        } finally {
            cumulation.release();
            in.release();
        }
    }

    /**
     * Writes {@code frame} (ownership passes) to {@code channel} without flushing. A chain of many
     * pieces (a large value, or a split request made of slices of one) goes as several messages of at
     * most {@link #WRITE_COMPONENTS} pieces each, views of the same memory, which the transport writes
     * with {@code writev} as they are; {@code frame} is released once the last has been written or
     * has failed. Written whole, Netty's native transport would first copy it into one buffer.
     */
    public static void write(Channel channel, ByteBuf frame) {
        if (frame.nioBufferCount() <= WRITE_COMPONENTS) {
            channel.write(frame, channel.voidPromise());
            return;
        }
        ByteBuffer[] pieces = frame.nioBuffers();
        for (int from = 0; from < pieces.length; from += WRITE_COMPONENTS) {
            int to = Math.min(pieces.length, from + WRITE_COMPONENTS);
            ByteBuf group = Unpooled.wrappedBuffer(Arrays.copyOfRange(pieces, from, to));
            if (to < pieces.length) {
                channel.write(group, channel.voidPromise());
            } else {
                channel.write(group).addListener(done -> frame.release());
            }
        }
    }

    /**
     * The next {@code length} readable bytes of {@code in} as a frame the caller owns (one
     * reference), and {@code in}'s reader index moved past them.
     */
    public static ByteBuf take(ByteBuf in, int length) {
        if (!(in instanceof CompositeByteBuf chain)) {
            return in.readRetainedSlice(length);
        }
        int from = chain.readerIndex();
        List<ByteBuf> parts = chain.decompose(from, length);
        ByteBuf frame;
        if (parts.size() == 1) {
            frame = parts.get(0).retain();
        } else if (length <= COPY_LIMIT) {
            frame = chain.alloc().buffer(length);
            chain.getBytes(from, frame, length);
        } else {
            CompositeByteBuf linked = chain.alloc().compositeBuffer(Integer.MAX_VALUE); // never consolidated
            for (ByteBuf part : parts) {
                linked.addComponent(true, part.retain());
            }
            frame = linked;
        }
        chain.skipBytes(length);
        chain.discardReadComponents(); // read buffers behind the reader index go now
        return frame;
    }
}
