package io.jnutcracker.backend;

/**
 * Where a server connection reports how its server is doing (nutcracker {@code server_failure} /
 * {@code server_ok}); the pool's ejection policy implements it. Owned by this package so that the
 * backend never depends on who listens. Called on the connection's event loop.
 */
public interface ServerHealth {
    /** A connection to server {@code index} failed: refused, reset, timed out, or {@code -OOM}-like. */
    void failure(int index);

    /** Server {@code index} answered a request. */
    void success(int index);
}
