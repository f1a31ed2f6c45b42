package io.jnutcracker.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test if Netty's leak detector (paranoid in the pom) reports a ByteBuf that was garbage
 * collected without being released. The listener is attached to the detector every ByteBuf
 * allocator uses; a report only happens when a later allocation polls the detector after a GC,
 * so {@link #collectLeaks()} forces both.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final List<String> LEAKS = new ArrayList<>();

    static {
        try {
            Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
            field.setAccessible(true);
            ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) field.get(null);
            detector.setLeakListener((type, records) -> {
                synchronized (LEAKS) {
                    LEAKS.add(type + records);
                }
            });
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        collectLeaks(); // leaks of earlier tests are theirs: fail those, not this one
        drain();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        collectLeaks();
        assertThat(drain()).as("leaked ByteBufs").isEmpty();
    }

    /** GCs, then allocates so the detector processes what the GC found. */
    static void collectLeaks() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            for (int j = 0; j < 4; j++) {
                PooledByteBufAllocator.DEFAULT.directBuffer(8).release();
            }
        }
    }

    static List<String> drain() {
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }
}
