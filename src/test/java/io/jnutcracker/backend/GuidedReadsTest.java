package io.jnutcracker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.resp.ReadGuide;
import io.jnutcracker.resp.ReplyDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read sizes: -m bytes for small frames, the rest of a large value (capped) once reads flow. */
class GuidedReadsTest {
    private static final int MBUF = 16384;
    private static final int LARGEST = Workers.largestRead(MBUF);

    private final int[] awaited = {0};
    private RecvByteBufAllocator.Handle handle;
    private int usual;

    @BeforeEach
    void newHandle() {
        ReadGuide guide = () -> awaited[0];
        handle = new GuidedReads(new AdaptiveRecvByteBufAllocator(64, 2048, MBUF), guide, LARGEST).newHandle();
        handle.reset(new EmbeddedChannel().config());
        usual = handle.guess();
    }

    @Test
    void aConnectionKeepsReadingWhileReadsFillTheirBuffersUpToSixteenPerPass() {
        // Both allocators a channel gets: the plain one (clients before their decoder is known) and
        // the guided one. Netty's class default is one read per pass, however full.
        Workers workers = new EmbeddedLoop().workers();
        for (RecvByteBufAllocator allocator : new RecvByteBufAllocator[] {workers.readBuffers(),
                workers.readBuffers(new ReplyDecoder())}) {
            RecvByteBufAllocator.Handle reads = allocator.newHandle();
            reads.reset(new EmbeddedChannel().config());
            int passReads = 0;
            do {
                int size = reads.guess();
                reads.attemptedBytesRead(size);
                reads.lastBytesRead(size);
                reads.incMessagesRead(1);
                passReads++;
            } while (reads.continueReading());
            assertThat(passReads).as(allocator.getClass().getSimpleName()).isEqualTo(Workers.READS_PER_PASS);
        }
    }

    @Test
    void aReadThatDoesNotFillItsBufferEndsThePass() {
        RecvByteBufAllocator.Handle reads = new EmbeddedLoop().workers().readBuffers().newHandle();
        reads.reset(new EmbeddedChannel().config());
        reads.attemptedBytesRead(reads.guess());
        reads.lastBytesRead(reads.guess());
        reads.incMessagesRead(1);
        assertThat(reads.continueReading()).isTrue();
        reads.attemptedBytesRead(reads.guess());
        reads.lastBytesRead(reads.guess() / 2);
        reads.incMessagesRead(1);
        assertThat(reads.continueReading()).isFalse();
    }

    @Test
    void theLargestReadIsSixteenMbufsWithinOneMbufAndFourMegabytes() {
        assertThat(Workers.largestRead(16384)).isEqualTo(256 * 1024);
        assertThat(Workers.largestRead(512)).isEqualTo(8192);
        assertThat(Workers.largestRead(1 << 20)).isEqualTo(4 << 20);
        assertThat(Workers.largestRead(16 << 20)).isEqualTo(16 << 20);
    }

    @Test
    void withoutAValueInProgressReadsAreSizedAsUsual() {
        for (int i = 0; i < 10; i++) {
            read(handle.guess(), handle.guess()); // full reads: Netty's adaptive sizing grows, to -m at most
        }
        assertThat(handle.guess()).isEqualTo(MBUF);
    }

    @Test
    void onceReadsFlowTheNextReadTakesTheRestOfTheValueUpToTheLargest() {
        read(usual, usual);
        awaited[0] = 100_000;
        assertThat(handle.guess()).isEqualTo(100_000);
        ByteBuf buffer = handle.allocate(UnpooledByteBufAllocator.DEFAULT);
        assertThat(buffer.writableBytes()).isEqualTo(100_000);
        buffer.release();
        awaited[0] = 5_000_000;
        assertThat(handle.guess()).isEqualTo(LARGEST);
    }

    @Test
    void aValueSmallerThanTheUsualReadChangesNothing() {
        read(usual, usual);
        int unguided = handle.guess();
        awaited[0] = 10;
        assertThat(handle.guess()).isEqualTo(unguided);
    }

    @Test
    void theFirstReadOfAConnectionIsNotGuided() {
        awaited[0] = 1_000_000;
        assertThat(handle.guess()).isEqualTo(usual);
    }

    @Test
    void aReadThatCameBackNearlyEmptyStopsGuidingUntilReadsFlowAgain() {
        awaited[0] = 1_000_000;
        read(usual, usual);
        read(LARGEST, LARGEST / 4 - 1); // a trickle: the next read is not a large buffer again
        assertThat(handle.guess()).isLessThanOrEqualTo(MBUF);
        read(handle.guess(), 0); // nothing there (EAGAIN) changes nothing
        assertThat(handle.guess()).isLessThanOrEqualTo(MBUF);
        read(handle.guess(), handle.guess());
        assertThat(handle.guess()).isEqualTo(LARGEST);
    }

    private void read(int attempted, int got) {
        handle.attemptedBytesRead(attempted);
        handle.lastBytesRead(got);
    }
}
