package io.jnutcracker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.util.Clock;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One I/O loop without sockets: an EmbeddedEventLoop that the test's client channels and every
 * server connection the proxy opens share (as on a real loop, a client and its servers are on one
 * thread). Server connections are EmbeddedChannels, found by the port they were opened to. Time is a
 * mock ticker read both by the loop's scheduled tasks and by the proxy's {@link Clock}, so a timeout
 * is a call to {@link #advanceMillis}, not a sleep. Every buffer the test feeds in is kept, so a test
 * can check at the end that the proxy released each one ({@link #assertAllReleased}).
 */
public final class EmbeddedLoop {
    private final MockTicker ticker = Ticker.newMockTicker();
    /** Owns the loop; carries nothing itself. */
    private final EmbeddedChannel anchor = EmbeddedChannel.builder().ticker(ticker).build();
    private final Map<Integer, List<EmbeddedChannel>> byPort = new HashMap<>();
    private final List<ByteBuf> fed = new ArrayList<>();
    private final Workers workers = new Workers(anchor.eventLoop(), Transport.NIO, Workers.DEFAULT_MBUF_SIZE,
            this::connect);
    private final Clock clock = new Clock() {
        @Override
        public long nanoTime() {
            return ticker.nanoTime();
        }

        @Override
        public long epochMicros() {
            return ticker.nanoTime() / 1000;
        }
    };

    public Workers workers() {
        return workers;
    }

    public EventLoop loop() {
        return anchor.eventLoop();
    }

    public Clock clock() {
        return clock;
    }

    /** A channel on this loop with {@code handlers}, active (a client connection). */
    public EmbeddedChannel channel(ChannelHandler... handlers) {
        EmbeddedChannel ch = EmbeddedChannel.builder().register(false).handlers(handlers).build();
        loop().register(ch).syncUninterruptibly();
        return ch;
    }

    /** Runs what the loop has queued (connects, flushes, retirements). */
    public void runTasks() {
        anchor.runPendingTasks();
    }

    /** Moves time on and runs the timers now due. */
    public void advanceMillis(long millis) {
        ticker.advance(millis, TimeUnit.MILLISECONDS);
        anchor.runScheduledPendingTasks();
        anchor.runPendingTasks();
    }

    /** Every server connection opened to {@code port}, oldest first. */
    public List<EmbeddedChannel> connections(int port) {
        return byPort.getOrDefault(port, List.of());
    }

    /** The one server connection opened to {@code port}. */
    public EmbeddedChannel server(int port) {
        assertThat(connections(port)).as("connections to port %d", port).hasSize(1);
        return connections(port).get(0);
    }

    /** Delivers {@code resp} as the server's bytes on {@code channel}, then runs the loop's tasks. */
    public void reply(EmbeddedChannel channel, String resp) {
        channel.writeInbound(feed(resp));
        runTasks();
    }

    /** A buffer holding {@code text}, remembered for {@link #assertAllReleased}. */
    public ByteBuf feed(String text) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        fed.add(buf);
        return buf;
    }

    /** What {@code channel} has written (and flushed) since last asked; the buffers are released. */
    public static String written(EmbeddedChannel channel) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            sb.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return sb.toString();
    }

    /** Every buffer fed in, and so every slice the proxy took of one, was released exactly once. */
    public void assertAllReleased() {
        for (int i = 0; i < fed.size(); i++) {
            assertThat(fed.get(i).refCnt()).as("references left on fed buffer %d", i).isZero();
        }
    }

    /** The pool named {@code p} of a configuration file holding {@code yaml}. */
    public static PoolConfig poolConfig(String yaml) {
        try {
            Path file = Files.createTempFile("pool", ".yml");
            try {
                Files.writeString(file, yaml);
                return ConfigLoader.load(file).pools().get(0);
            } finally {
                Files.delete(file);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The proxy's connect, onto an EmbeddedChannel with the bootstrap's handler; completes in a loop task, as a socket's would. */
    private ChannelFuture connect(Bootstrap bootstrap, SocketAddress address) {
        EmbeddedChannel ch = channel(bootstrap.config().handler());
        byPort.computeIfAbsent(((InetSocketAddress) address).getPort(), p -> new ArrayList<>()).add(ch);
        ChannelPromise connected = ch.newPromise();
        loop().execute(() -> ch.connect(address, connected));
        return connected;
    }
}
