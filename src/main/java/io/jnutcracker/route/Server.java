package io.jnutcracker.route;

import io.jnutcracker.config.ServerConfig;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool member at run time (nutcracker {@code struct server}): its configuration plus the
 * failure bookkeeping that drives ejection. Failures are counted per server, not per connection,
 * as nutcracker does (#430), and from every event loop, hence the atomics; they are touched only
 * when something fails or first succeeds again, never on the ordinary reply path.
 */
public final class Server {
    private final int index;
    private final ServerConfig config;
    private final AtomicInteger failures = new AtomicInteger();
    /** Monotonic ns at which an ejected server rejoins; meaningful only while ejected. */
    private volatile long retryAtNanos;
    private volatile boolean ejected;
    /** Wall time of the last ejection in µs; never reset, as nutcracker's {@code server_ejected_at}. */
    private volatile long ejectedAtMicros;
    /**
     * Set by the background check ({@code jn_max_replica_lag}): the member's replication link is down or
     * it lags too far; its reads go to its master. Written by the check's thread, read per read.
     */
    private volatile boolean unreadable;

    public Server(int index, ServerConfig config) {
        this.index = index;
        this.config = config;
    }

    /** Rank in nutcracker's sorted order; the index distributions return. */
    public int index() {
        return index;
    }

    public ServerConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public boolean ejected() {
        return ejected;
    }

    /** Marked by the background check as behind its master ({@code jn_max_replica_lag}). */
    public boolean unreadable() {
        return unreadable;
    }

    void unreadable(boolean marked) {
        unreadable = marked;
    }

    public long retryAtNanos() {
        return retryAtNanos;
    }

    public long ejectedAtMicros() {
        return ejectedAtMicros;
    }

    /** Counts one failure; returns the consecutive count. */
    int fail() {
        return failures.incrementAndGet();
    }

    /** nutcracker {@code server_ok}: any good reply clears the count. Read first to avoid a write. */
    void ok() {
        if (failures.get() != 0) {
            failures.set(0);
        }
    }

    void eject(long retryAtNanos, long nowMicros) {
        this.retryAtNanos = retryAtNanos;
        this.ejectedAtMicros = nowMicros;
        this.failures.set(0);
        this.ejected = true;
    }

    void readmit() {
        ejected = false;
    }

    @Override
    public String toString() {
        return config.name() + " (" + config.address() + ")";
    }
}
