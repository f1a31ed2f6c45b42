package io.jnutcracker.config;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A pool's Redis Sentinel keys (jnutcracker extension; README "Sentinel-driven pools",
 * docs/READ-POOLS.md). With them each server's name is a Sentinel master name and its address
 * follows the Sentinels; the address written in the file is only the starting guess.
 *
 * @param sentinels {@code jn_sentinels}: every Sentinel watching the pool's masters, as written
 *     (unresolved; resolved at each connect)
 * @param auth {@code jn_sentinel_auth}: the Sentinels' {@code requirepass}, or null
 * @param local {@code jn_sentinel_local}: this data centre's hosts or subnets; when set, the pool is a
 *     read pool and each member is a replica of its master in one of them; empty for a master pool
 */
public record SentinelSettings(List<InetSocketAddress> sentinels, String auth, List<Subnet> local) {

    public SentinelSettings {
        sentinels = List.copyOf(sentinels);
        local = List.copyOf(local);
    }

    /** True for a read pool: members are resolved to local replicas, not to their masters. */
    public boolean readsReplicas() {
        return !local.isEmpty();
    }

    /** How many Sentinels make a majority of those configured. */
    public int majority() {
        return sentinels.size() / 2 + 1;
    }

    /** Whether {@code address} is in this data centre ({@link #local}). */
    public boolean isLocal(String address) {
        return local.stream().anyMatch(s -> s.contains(address));
    }

    /** {@code host:port} of each Sentinel, for logs. */
    public List<String> names() {
        return sentinels.stream().map(a -> a.getHostString() + ":" + a.getPort()).toList();
    }
}
