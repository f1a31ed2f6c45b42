package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RequestDecoder} on one read's worth of input: {@code pipeline} commands of one kind, as
 * redis-benchmark sends them with {@code -P}. The score is per input buffer, i.e. per
 * {@code pipeline} commands; divide by {@code pipeline} for the cost of one command.
 *
 * <ul>
 *   <li>{@code decode}: the decoder's {@code decode} called directly on a pooled direct buffer
 *       (what the parser itself costs, plus the Request objects it makes).
 *   <li>{@code pipeline}: the buffer fired through a channel pipeline (an EmbeddedChannel holding
 *       the decoder and a sink that releases each request), so ByteToMessageDecoder's cumulation
 *       and the per-message channelRead dispatch are included, as in the proxy.
 * </ul>
 * Run with {@code -prof gc} to see the bytes allocated per buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RequestDecoderBench {
    @Param({"GET", "SET", "MGET10"})
    public String command;

    @Param({"1", "16"})
    public int pipeline;

    private ByteBuf input;
    private RequestDecoder decoder;
    private final List<Object> out = new ArrayList<>();
    private EmbeddedChannel channel;
    private Sink sink;

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pipeline; i++) {
            String key = String.format("key:%012d", 12345 + 7919 * i);
            switch (command) {
                case "GET" -> resp(sb, "GET", key);
                case "SET" -> resp(sb, "SET", key, "xxx");
                case "MGET10" -> {
                    String[] args = new String[11];
                    args[0] = "MGET";
                    for (int k = 1; k <= 10; k++) {
                        args[k] = String.format("key:%012d", 12345 + 7919 * (i * 10 + k));
                    }
                    resp(sb, args);
                }
                default -> throw new IllegalArgumentException(command);
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        input = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        decoder = new RequestDecoder();
        sink = new Sink();
        channel = new EmbeddedChannel(new RequestDecoder(), sink);
        // Check both paths decode every command.
        if (decode() != pipeline || pipeline() != pipeline) {
            throw new IllegalStateException("expected " + pipeline + " requests");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        input.release();
    }

    @Benchmark
    public int decode() {
        input.readerIndex(0);
        decoder.decode(null, input, out);
        int n = out.size();
        for (int i = 0; i < n; i++) {
            ((Request) out.get(i)).release();
        }
        out.clear();
        return n;
    }

    @Benchmark
    public int pipeline() {
        sink.count = 0;
        input.readerIndex(0);
        channel.pipeline().fireChannelRead(input.retainedDuplicate());
        channel.pipeline().fireChannelReadComplete();
        return sink.count;
    }

    private static void resp(StringBuilder sb, String... args) {
        sb.append('*').append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
    }

    /** The end of the pipeline: counts and releases each request (the proxy would forward it). */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        int count;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            count++;
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
        }
    }
}
