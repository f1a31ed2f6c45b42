package io.jnutcracker.util;

/** Time as the proxy reads it; injected so ejection and retry can be tested without sleeping. */
public interface Clock {
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochMicros() {
            return System.currentTimeMillis() * 1000L;
        }
    };

    /** Monotonic time in ns, for deadlines. */
    long nanoTime();

    /** Wall time in µs since the epoch, as nutcracker's {@code server_ejected_at} stat. */
    long epochMicros();
}
