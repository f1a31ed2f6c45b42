package io.jnutcracker.backend;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.stats.PoolStats;
import io.jnutcracker.tls.ServerTls;
import io.jnutcracker.util.Clock;
import io.netty.channel.ChannelHandler;
import java.util.function.Supplier;

/**
 * What every {@link BackendGroup} of one pool generation shares: the pool's configuration, where
 * server health goes (the generation's ejector), the pool's statistics and each member's slot in
 * them, the clock, the protocol's reply decoder (one new handler per connection), and TLS towards
 * the servers ({@code jn_tls_server}; null for plain TCP).
 */
public record GroupSettings(PoolConfig config, ServerHealth health, PoolStats stats, int[] statsSlots,
                            Clock clock, Supplier<ChannelHandler> replyDecoder, ServerTls tls) {

    /** Plain TCP to the servers, as nutcracker. */
    public GroupSettings(PoolConfig config, ServerHealth health, PoolStats stats, int[] statsSlots, Clock clock,
                         Supplier<ChannelHandler> replyDecoder) {
        this(config, health, stats, statsSlots, clock, replyDecoder, null);
    }
}
