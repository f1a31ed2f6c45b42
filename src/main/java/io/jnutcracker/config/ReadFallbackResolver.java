package io.jnutcracker.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves each pool's {@code jn_read_fallback} text against the file's pools, after every one of
 * nutcracker's own checks, so a file nutcracker would refuse fails exactly as it does there.
 *
 * <p>{@code pool:NAME} must name another pool of the file that places keys exactly as this one
 * (hash, distribution, hash_tag, and the same member names with the same weights): only then does
 * read member {@code X} hold master member {@code X}'s keys. {@code proxy:ADDR} becomes a one-server
 * pool: the proxy there places the key itself.
 */
final class ReadFallbackResolver {
    private static final String KEY = Directive.JN_READ_FALLBACK.key();

    private ReadFallbackResolver() {
    }

    /** @param lines for each pool (same order), the line of its {@code jn_read_fallback} key, or 0 */
    static List<PoolConfig> resolve(Path file, List<PoolConfig> pools, List<String> specs, List<Integer> lines)
            throws ConfigException {
        List<PoolConfig> out = new ArrayList<>(pools.size());
        for (int i = 0; i < pools.size(); i++) {
            PoolConfig p = pools.get(i);
            String spec = specs.get(i);
            if (spec == null) {
                out.add(p);
                continue;
            }
            ReadFallback fallback = spec.startsWith("pool:")
                    ? byPool(file, lines.get(i), p, spec, pools) : byProxy(file, lines.get(i), p, spec);
            out.add(p.withExtensions(p.extensions().withReadFallback(fallback)));
        }
        return out;
    }

    private static ReadFallback byPool(Path file, int line, PoolConfig read, String spec, List<PoolConfig> pools)
            throws ConfigException {
        String name = spec.substring("pool:".length());
        PoolConfig master = pools.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> error(file, line, "names pool '" + name + "', which is not in this file"));
        if (master == read) {
            throw error(file, line, "names its own pool");
        }
        if (master.hash() != read.hash() || master.distribution() != read.distribution()
                || !Arrays.equals(master.hashTag(), read.hashTag())) {
            throw error(file, line, "names pool '" + name + "', which does not use the same hash, distribution "
                    + "and hash_tag: its member X does not hold this pool's member X's keys");
        }
        int[] map = new int[read.servers().size()];
        for (int s = 0; s < map.length; s++) {
            ServerConfig member = read.servers().get(s);
            map[s] = indexOf(master, member.name());
            if (map[s] < 0 || master.servers().get(map[s]).weight() != member.weight()
                    || master.servers().size() != read.servers().size()) {
                throw error(file, line, "names pool '" + name + "', whose members differ from this pool's ("
                        + "member '" + member.name() + "'): both pools must have the same names and weights");
            }
        }
        return new ReadFallback(spec, master, map);
    }

    private static ReadFallback byProxy(Path file, int line, PoolConfig read, String spec) throws ConfigException {
        String target = spec.substring("proxy:".length());
        ServerConfig proxy;
        try {
            proxy = ServerParser.parse(target + ":1 " + read.name() + "-fallback", line);
        } catch (InvalidValue e) {
            throw error(file, line, "has an invalid proxy address");
        }
        PoolConfig pool = new PoolConfig(read.name() + " (fallback)", read.listen(), read.hash(), read.hashTag(),
                read.distribution(), read.timeoutMs(), read.backlog(), false, true, read.redisAuth(), 0, 1, false,
                read.serverRetryTimeoutMs(), read.serverFailureLimit(), 0, false, List.of(proxy), line);
        return new ReadFallback(spec, pool, new int[read.servers().size()]);
    }

    private static int indexOf(PoolConfig pool, String name) {
        for (int i = 0; i < pool.servers().size(); i++) {
            if (pool.servers().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static ConfigException error(Path file, int line, String what) {
        return new ConfigException(file, line, KEY, "directive \"" + KEY + "\" " + what);
    }
}
