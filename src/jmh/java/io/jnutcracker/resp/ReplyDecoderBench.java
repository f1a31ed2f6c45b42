package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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
 * {@link ReplyDecoder} (the server side of the data path) on {@code pipeline} replies of one kind
 * in one buffer: GET's bulk, SET's {@code +OK}, and the 5-element array a server returns for its
 * half of a split MGET of 10 keys. The score is per buffer of {@code pipeline} replies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReplyDecoderBench {
    @Param({"BULK", "OK", "ARRAY5"})
    public String reply;

    @Param({"1", "16"})
    public int pipeline;

    private ByteBuf input;
    private ReplyDecoder decoder;
    private final List<Object> out = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        String one = switch (reply) {
            case "BULK" -> "$3\r\nxxx\r\n";
            case "OK" -> "+OK\r\n";
            case "ARRAY5" -> "*5\r\n" + "$3\r\nxxx\r\n".repeat(5);
            default -> throw new IllegalArgumentException(reply);
        };
        byte[] bytes = one.repeat(pipeline).getBytes(StandardCharsets.US_ASCII);
        input = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        decoder = new ReplyDecoder();
        if (decode() != pipeline) {
            throw new IllegalStateException("expected " + pipeline + " replies");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        input.release();
    }

    @Benchmark
    public int decode() {
        input.readerIndex(0);
        decoder.decode(null, input, out);
        int n = out.size();
        for (int i = 0; i < n; i++) {
            ((Reply) out.get(i)).release();
        }
        out.clear();
        return n;
    }
}
