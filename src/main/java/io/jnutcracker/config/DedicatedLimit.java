package io.jnutcracker.config;

/**
 * {@code jn_dedicated_connections}: how many server connections a pool may hold for single clients
 * (blocking commands, transactions, subscriptions), over all event loops together. Each is a
 * connection the server keeps besides the shared ones, so the cap protects the servers' client
 * slots ({@code maxclients}) from a crowd of waiting consumers.
 *
 * @param connections the cap; 0 refuses every command that needs such a connection
 */
public record DedicatedLimit(int connections) {
    /** The default: enough for a few hundred waiting consumers, far below Redis's maxclients 10000. */
    public static final DedicatedLimit DEFAULT = new DedicatedLimit(512);
}
