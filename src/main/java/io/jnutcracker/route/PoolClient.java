package io.jnutcracker.route;

/**
 * A client connection as its {@link Pool} sees it: enough to stop and drain it, whatever
 * configuration generation its requests went to. Implemented by the client side; callable from any
 * thread (the client hops onto its own event loop).
 */
public interface PoolClient {
    /** Reads nothing more from the client, for good; requests already read are still answered. */
    void stopReading();

    /** Reads nothing more; closes once every request already read is answered and written. */
    void drain();

    /** Requests read and not yet answered to the client (racy when read off its loop). */
    int waiting();
}
