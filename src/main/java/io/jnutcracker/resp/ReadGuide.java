package io.jnutcracker.resp;

/**
 * A decoder that knows, in the middle of a frame, how many more bytes that frame needs: the rest of
 * a bulk value whose length header it has read. The connection's reads are sized by it (backend's
 * {@code GuidedReads}): a 1 MB value then arrives in a few large reads instead of 64 reads of
 * {@code -m} bytes, each a syscall and a pass through the pipeline.
 */
public interface ReadGuide {
    /** Bytes the frame being decoded still needs beyond what is buffered, in bytes; 0 when unknown or none. */
    int bytesAwaited();

    /** What a bulk of {@code length} bytes starting {@code pos} bytes into the buffered input still needs, CRLF included. */
    static int rest(int pos, int length, int buffered) {
        long awaited = (long) pos + length + 2 - buffered;
        return awaited <= 0 ? 0 : (int) Math.min(awaited, Integer.MAX_VALUE);
    }
}
