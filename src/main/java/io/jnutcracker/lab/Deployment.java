package io.jnutcracker.lab;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.config.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the checks look at: the layout, each data centre's proxy config (as written to lab/run/ and
 * loaded by the proxy's own loader) and the running redis-servers, which the checks ask directly to
 * predict what a proxy must answer.
 *
 * @param files each data centre's config, relative to the checkout, as {@code check} names it
 */
record Deployment(Layout layout, Map<DataCentre, ProxyConfig> configs, Map<DataCentre, Path> files,
                  Replication redis, PrintStream err) {

    PoolConfig pool(DataCentre dc, String name) {
        return configs.get(dc).pool(name).orElseThrow(() -> new IllegalStateException(dc.name() + " has no pool " + name));
    }

    /** "host:port" the pool listens on. */
    String listen(DataCentre dc, String pool) {
        PoolConfig p = pool(dc, pool);
        return p.listen().host() + ":" + p.listen().port();
    }

    List<ServerConfig> members(DataCentre dc, String pool) {
        return pool(dc, pool).servers();
    }

    /** Address of the member named {@code name} in the pool, or null. */
    String memberAddr(DataCentre dc, String pool, String name) {
        return members(dc, pool).stream().filter(s -> s.name().equals(name)).map(ServerConfig::address)
                .findFirst().orElse(null);
    }

    /** Name of the master-pool member that holds {@code key} (asked of the masters directly), or null. */
    String ownerOf(String key) {
        for (ServerConfig m : members(DataCentre.MASTER, DataCentre.MASTER_POOL)) {
            if (!RedisCli.of(m.address()).call("GET", key).equals("(nil)")) {
                return m.name();
            }
        }
        return null;
    }

    /**
     * What a read of {@code key} through {@code dc}'s read pool must return if the proxy routes the
     * read pool like the master pool (same hash, names): the content of the read-pool member named
     * like the master-pool member that holds the key.
     */
    String predict(DataCentre dc, String key) {
        String owner = ownerOf(key);
        String addr = owner == null ? null : memberAddr(dc, DataCentre.READ_POOL, owner);
        return addr == null ? "(nil)" : RedisCli.of(addr).call("GET", key);
    }

    /** Waits for every replica to catch up with its master; warns of any still behind. */
    void awaitReplication() throws IOException {
        for (String behind : redis.awaitCaughtUp()) {
            err.println("lab: warning: " + behind);
        }
    }
}
