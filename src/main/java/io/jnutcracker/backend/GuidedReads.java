package io.jnutcracker.backend;

import io.jnutcracker.resp.ReadGuide;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * One connection's read sizes: {@code -m} bytes at most while frames are small (Netty's adaptive
 * sizing below that), and, while its decoder is inside a value that needs more, a read of the rest
 * of that value, up to {@code largest} bytes. nutcracker reads a 1 MB value in 64 reads of its 16 KB
 * mbufs; so did we, and each read is a syscall plus a pass through the pipeline, which made a 1 MB
 * SET cost us more CPU than nutcracker (bench/RESULTS.md). Sized to the value, the same megabyte
 * takes about four reads, none of which reads past the end of its frame.
 *
 * <p>A guided read is only tried after a read that filled at least a quarter of its buffer: a
 * client trickling a large value would otherwise pin a large, nearly empty buffer per segment
 * (the decoders' {@code Chain} also copies such a buffer down to its contents).
 */
final class GuidedReads implements RecvByteBufAllocator {
    private final RecvByteBufAllocator sized;
    private final ReadGuide guide;
    private final int largest;

    /**
     * @param sized how reads are sized when not guided (the shared adaptive allocator)
     * @param largest the largest guided read, in bytes
     */
    GuidedReads(RecvByteBufAllocator sized, ReadGuide guide, int largest) {
        this.sized = sized;
        this.guide = guide;
        this.largest = largest;
    }

    @Override
    public Handle newHandle() {
        return new GuidedHandle((ExtendedHandle) sized.newHandle());
    }

    private final class GuidedHandle extends DelegatingHandle implements ExtendedHandle {
        /** The last read that got bytes filled at least a quarter of its buffer. */
        private boolean flowing;

        GuidedHandle(ExtendedHandle sized) {
            super(sized);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return alloc.ioBuffer(guess());
        }

        @Override
        public int guess() {
            int usual = delegate().guess();
            if (!flowing) {
                return usual;
            }
            int awaited = guide.bytesAwaited();
            return awaited > usual ? Math.min(awaited, largest) : usual;
        }

        @Override
        public void lastBytesRead(int bytes) {
            super.lastBytesRead(bytes);
            if (bytes > 0) { // 0 or less: nothing was there (EAGAIN) or the input ended
                flowing = bytes >= attemptedBytesRead() / 4;
            }
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return ((ExtendedHandle) delegate()).continueReading(maybeMoreDataSupplier);
        }
    }
}
