package io.jnutcracker.backend;

import io.jnutcracker.resp.ReadGuide;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The I/O event loops and the state each loop shares across all pools: its {@link FlushBatch}.
 * One batch per loop (not per pool) so a reply completed by any server connection of the loop,
 * whatever pool or configuration generation it belongs to, is flushed at the end of that read.
 */
public final class Workers {
    /** nutcracker's default mbuf size ({@code -m}), in bytes. */
    public static final int DEFAULT_MBUF_SIZE = 16384;
    /**
     * Reads of one connection per pass of its loop while each read fills its buffer: Netty's own
     * default for stream channels, which a channel only gets with the allocator Netty makes for it
     * (an allocator set through the config keeps the class default, 1). With 1, a server connection
     * carrying many clients' replies was read 16 KB per pass, each followed by a return to epoll
     * (MGET 10 x 4 KB: 2.1 epoll waits per request, strace). nutcracker reads a connection until
     * EAGAIN; 16 bounds how long one connection can hold its loop.
     */
    static final int READS_PER_PASS = 16;

    private final EventLoopGroup group;
    private final Transport transport;
    private final RecvByteBufAllocator readBuffers;
    private final int largestRead;
    private final MemoryBudget budget;
    private final Map<EventLoop, FlushBatch> batches = new IdentityHashMap<>();
    private final List<EventLoop> loops = new ArrayList<>();
    private final Connector connector;

    /** Opens a server connection: {@code Bootstrap::connect}, but in unit tests (EmbeddedChannels, no sockets). */
    interface Connector {
        ChannelFuture connect(Bootstrap bootstrap, SocketAddress address);
    }

    /**
     * @param mbufSize the usual largest socket read in bytes ({@code -m}): as nutcracker reads into
     *     mbufs of this size, a read buffer is at most this large (smaller while traffic is light,
     *     Netty's adaptive sizing), except inside a larger value, read in pieces of up to
     *     {@link #largestRead(int)} bytes (see {@link GuidedReads}); a value arrives as a chain of reads.
     */
    public Workers(EventLoopGroup group, Transport transport, int mbufSize) {
        this(group, transport, mbufSize, Bootstrap::connect);
    }

    /** Test seam: server connections are opened by {@code connector}. */
    Workers(EventLoopGroup group, Transport transport, int mbufSize, Connector connector) {
        this.connector = connector;
        this.group = group;
        this.transport = transport;
        this.readBuffers = new AdaptiveRecvByteBufAllocator(Math.min(64, mbufSize), Math.min(2048, mbufSize),
                mbufSize).maxMessagesPerRead(READS_PER_PASS);
        this.largestRead = largestRead(mbufSize);
        List<EventLoop> all = new ArrayList<>();
        group.forEach(e -> all.add((EventLoop) e));
        this.budget = new MemoryBudget(MemoryBudget.fromDirectMemory(), all);
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
            batches.put((EventLoop) e, new FlushBatch((EventLoop) e));
        }
    }

    public EventLoopGroup group() {
        return group;
    }

    /** The bytes of replies all clients together may hold (see {@link MemoryBudget}). */
    public MemoryBudget budget() {
        return budget;
    }

    /** How every channel of the proxy sizes its read buffers, before its decoder is known. */
    public RecvByteBufAllocator readBuffers() {
        return readBuffers;
    }

    /**
     * How a channel whose input {@code decoder} reads sizes its read buffers: guided by the decoder
     * when it knows what a value still needs ({@link ReadGuide}), else as {@link #readBuffers()}.
     * One small object per connection.
     */
    public RecvByteBufAllocator readBuffers(ChannelHandler decoder) {
        return decoder instanceof ReadGuide guide ? new GuidedReads(readBuffers, guide, largestRead) : readBuffers;
    }

    /**
     * The largest read inside a large value, in bytes: 16 mbufs (256 KB by default; 4 reads per MB),
     * never less than one mbuf, never over 4 MB (one chunk of Netty's pooled allocator).
     */
    static int largestRead(int mbufSize) {
        return Math.max(mbufSize, Math.min(16 * mbufSize, 4 << 20));
    }

    /** Opens the connection {@code bootstrap} describes to {@code address}. */
    ChannelFuture connect(Bootstrap bootstrap, SocketAddress address) {
        return connector.connect(bootstrap, address);
    }

    public Transport transport() {
        return transport;
    }

    public List<EventLoop> loops() {
        return List.copyOf(loops);
    }

    public FlushBatch flushBatch(EventLoop loop) {
        return batches.get(loop);
    }
}
