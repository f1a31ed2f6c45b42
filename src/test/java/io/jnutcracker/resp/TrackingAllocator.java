package io.jnutcracker.resp;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An unpooled allocator that remembers every buffer it hands out, so a test can check, without
 * waiting for a GC and without Netty's (slow) paranoid leak detector, that every one of them was
 * freed: input pieces, the decoder's cumulations and the frames of inline commands alike. A slice
 * shares its parent's count, so a Request or Reply never released shows up as a parent still
 * referenced. Unpooled, so a freed buffer is never recycled into a live one.
 *
 * <p>Also reports the largest capacities asked for and held, to prove that a length header
 * alone (e.g. a bulk of 512 MB) makes the decoder allocate nothing of that size.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
    private final List<ByteBuf> buffers = new ArrayList<>();
    private int largestRequest;
    private long totalRequested;

    TrackingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity), initialCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity), initialCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    private ByteBuf track(ByteBuf buf, int capacity) {
        buffers.add(buf);
        largestRequest = Math.max(largestRequest, capacity);
        totalRequested += capacity;
        return buf;
    }

    /** Largest initial capacity asked for so far. */
    int largestRequest() {
        return largestRequest;
    }

    /** Sum of the initial capacities asked for so far. */
    long totalRequested() {
        return totalRequested;
    }

    /** Largest capacity of a buffer still referenced (buffers grow in place, past their initial capacity). */
    int largestLiveCapacity() {
        int largest = 0;
        for (ByteBuf buf : buffers) {
            if (buf.refCnt() != 0) {
                largest = Math.max(largest, buf.capacity());
            }
        }
        return largest;
    }

    /** Descriptions of the buffers handed out that still hold a reference (empty if none). */
    List<String> unreleased() {
        List<String> live = new ArrayList<>();
        for (int i = 0; i < buffers.size(); i++) {
            ByteBuf buf = buffers.get(i);
            if (buf.refCnt() != 0) {
                live.add("buffer #" + i + " " + buf + " refCnt=" + buf.refCnt());
            }
        }
        return live;
    }
}
