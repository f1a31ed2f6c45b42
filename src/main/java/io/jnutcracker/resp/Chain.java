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
     * Pieces below this many bytes are copied into a built frame ({@link Builder}), larger ones
     * chained: a copy of up to 16 KB (one mbuf) costs less than a component (slices, a reference
     * count, an iovec), and nutcracker copies every value it coalesces (an MGET of 10 x 4 KB is
     * then one buffer, not 21 components).
     */
    static final int BUILD_COPY_LIMIT = 16 * 1024;

    /**
     * A read buffer at least this large, in bytes, holding under a quarter of its capacity is
     * copied down to its contents before it joins a chain (a read sized for a large value that got
     * a trickle; see backend's GuidedReads): what a chain pins stays within 4x what it holds.
     */
    static final int SPARSE_CAPACITY = 64 * 1024;

    /**
     * Most components a chain is written as one message with, below Linux's IOV_MAX (1024): Netty's
     * native transport copies a buffer of more into one contiguous buffer before writing it.
     */
    static final int WRITE_COMPONENTS = 512;

    /** {@link ByteToMessageDecoder.Cumulator} for both RESP decoders (see the class comment). */
    public static final ByteToMessageDecoder.Cumulator CUMULATOR = Chain::cumulate;

    private Chain() {
    }

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

    /** A builder of a frame of about {@code flatBytes} bytes of small pieces (a hint: it grows). */
    public static Builder builder(ByteBufAllocator alloc, int flatBytes) {
        return new Builder(alloc, flatBytes);
    }

    /**
     * Builds a frame (a split request, a merged reply) from pieces of other frames: small pieces,
     * and whatever is written to {@link #flat()}, are copied into one buffer, as nutcracker copies
     * keys into a fragment's mbufs; a piece of {@link #BUILD_COPY_LIMIT} bytes or more (a value) is chained
     * as slices of the read buffers that hold it, never copied. A frame of small pieces only is one
     * flat buffer: no composite, no slice and no reference count per key.
     *
     * <p>Slices are taken of the read buffers themselves, never of a chain: Netty counts a component
     * that is a slice of a chain as the whole chain's buffers, which made writing an MGET of a
     * million keys quadratic (10 s instead of nutcracker's 0.7 s).
     */
    public static final class Builder {
        private final ByteBufAllocator alloc;
        private ByteBuf flat;
        private CompositeByteBuf chain;

        private Builder(ByteBufAllocator alloc, int flatBytes) {
            this.alloc = alloc;
            this.flat = alloc.buffer(Math.max(16, flatBytes));
        }

        /**
         * What a piece of {@code length} bytes adds to the flat buffer, in bytes: itself if it is
         * copied, 0 if it is chained. Callers sum it for {@link Chain#builder}'s size hint.
         */
        public static int flatShare(int length) {
            return length < BUILD_COPY_LIMIT ? length : 0;
        }

        /** Where small parts (headers, separators) are written directly. */
        public ByteBuf flat() {
            return flat;
        }

        /** Appends {@code length} bytes of {@code src} from {@code index}: copied if small, else chained. */
        public Builder add(ByteBuf src, int index, int length) {
            if (length < BUILD_COPY_LIMIT) {
                flat.writeBytes(src, index, length);
                return this;
            }
            if (chain == null) {
                chain = alloc.compositeBuffer(Integer.MAX_VALUE); // never consolidated
            }
            if (flat.isReadable()) {
                chain.addComponent(true, flat);
                flat = alloc.buffer(64);
            }
            if (src instanceof CompositeByteBuf links) {
                for (ByteBuf part : links.decompose(index, length)) {
                    chain.addComponent(true, part.retain());
                }
            } else {
                chain.addComponent(true, src.retainedSlice(index, length));
            }
            return this;
        }

        /** The frame (the caller owns it); the builder is done. */
        public ByteBuf build() {
            if (chain == null) {
                return flat;
            }
            if (flat.isReadable()) {
                chain.addComponent(true, flat);
            } else {
                flat.release();
            }
            return chain;
        }
    }

    /**
     * The next {@code length} readable bytes of {@code in} as a frame the caller owns (one
     * reference), and {@code in}'s reader index moved past them.
     */
    public static ByteBuf take(ByteBuf in, int length) {
        if (!(in instanceof CompositeByteBuf chain)) {
            // A plain slice holding a reference to its buffer, not readRetainedSlice: Netty's pooled
            // retained slice gives each frame a reference count of its own, whose set-up (an
            // ordered store) and recycling were ~5% of the proxy's CPU at GET -P 16 (async-profiler).
            return in.readSlice(length).retain();
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
