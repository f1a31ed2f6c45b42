package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
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
 * Every {@link HashFunction} over a key held in a pooled direct buffer, as the proxy hashes a
 * slice of the client's input; plus the whole key-to-server step of the benchmark pool
 * (ketama, fnv1a_64, two servers). 16 bytes is the length of redis-benchmark's
 * {@code key:__rand_int__} keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HashBench {
    @Param({"one_at_a_time", "md5", "crc16", "crc32", "crc32a", "fnv1_64", "fnv1a_64", "fnv1_32", "fnv1a_32",
            "hsieh", "murmur", "jenkins"})
    public String hash;

    @Param({"16", "100"})
    public int keyLength;

    private HashFunction function;
    private ByteBuf key;
    private KeyPlacer placer;

    @Setup(Level.Trial)
    public void setUp() {
        function = HashFunction.byName(hash).orElseThrow();
        String text = "key:000000012345";
        while (text.length() < keyLength) {
            text += ":" + text.length();
        }
        byte[] bytes = text.substring(0, keyLength).getBytes(StandardCharsets.US_ASCII);
        key = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        placer = KeyPlacer.of(function, Distribution.KETAMA, null,
                List.of(new ContinuumNode(0, "server1", 1), new ContinuumNode(1, "server2", 1)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        key.release();
    }

    /** The hash function alone. */
    @Benchmark
    public int hash() {
        return function.hash(key, 0, keyLength);
    }

    /** Hash plus ketama continuum lookup over two servers (ServerPool.serverFor minus the ejection check). */
    @Benchmark
    public int ketamaServerIndex() {
        return placer.serverIndex(key, 0, keyLength);
    }
}
