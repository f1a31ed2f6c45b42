package io.jnutcracker.backend;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.stats.PoolStats;
import io.jnutcracker.util.Clock;
import io.netty.channel.ChannelHandler;
import java.util.function.Supplier;

/**
 * What every {@link BackendGroup} of one pool generation shares: the pool's configuration, where
 * server health goes (the generation's ejector), the pool's statistics and each member's slot in
 * them, the clock, and the protocol's reply decoder (one new handler per connection).
 */
public record GroupSettings(PoolConfig config, ServerHealth health, PoolStats stats, int[] statsSlots,
                            Clock clock, Supplier<ChannelHandler> replyDecoder) {
}
