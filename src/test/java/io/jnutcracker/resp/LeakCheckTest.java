package io.jnutcracker.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the leak check the other tests rely on does catch a leaked buffer. */
class LeakCheckTest {

    @Test
    void reportsABufferThatWasNeverReleased() {
        LeakCheck.collectLeaks();
        LeakCheck.drain();
        leak();
        List<String> leaks = List.of();
        for (int i = 0; i < 50 && leaks.isEmpty(); i++) {
            LeakCheck.collectLeaks();
            leaks = LeakCheck.drain();
        }
        assertThat(leaks).hasSize(1);
        assertThat(leaks.get(0)).contains("LeakCheckTest.leak");
    }

    private static void leak() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        buf.writeInt(42);
    }
}
