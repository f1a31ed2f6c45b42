package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which host each config file (one proxy, so one data centre) runs on, when its addresses tell;
 * a read-pool member is <em>local</em> when its host is that host (compared as addresses).
 *
 * <p>A file's home host is, in this order:
 * <ol>
 *   <li>the host every TCP {@code listen:} of the file names, unless that is a wildcard
 *       ({@code 0.0.0.0}, {@code ::}) or the loopback every machine has ({@code 127.0.0.1},
 *       {@code ::1}, {@code localhost}), which say nothing;</li>
 *   <li>else the host of a strict majority of the file's servers, all pools counted;</li>
 *   <li>else, when several files are checked together, the one host among the file's servers that
 *       is not another file's home (found by 1 or 2).</li>
 * </ol>
 * Otherwise the file's home is unknown and its members' locality is not checked (a note says so).
 * With the seed's files as written (listen 127.0.0.1), detail01's servers are all on .11, so its
 * home is .11 (rule 2); detail02's are one on .11 and one on .12, a tie, and .11 is detail01's
 * home, so detail02's is .12 (rule 3).
 */
final class Locality {
    private final Map<Path, String> homes;

    private Locality(Map<Path, String> homes) {
        this.homes = homes;
    }

    static Locality of(List<ProxyConfig> files) {
        Map<Path, String> homes = new LinkedHashMap<>();
        for (ProxyConfig f : files) {
            byListen(f).or(() -> byMajority(f)).ifPresent(h -> homes.put(f.file(), h));
        }
        Set<String> claimed = new LinkedHashSet<>(homes.values());
        for (ProxyConfig f : files) {
            if (homes.containsKey(f.file())) {
                continue;
            }
            Set<String> unclaimed = new LinkedHashSet<>(serverHosts(f));
            unclaimed.removeAll(claimed);
            if (unclaimed.size() == 1 && claimed.size() > 0) {
                homes.put(f.file(), unclaimed.iterator().next());
            }
        }
        return new Locality(homes);
    }

    /** The file's home host address, when its addresses tell. */
    Optional<String> home(Path file) {
        return Optional.ofNullable(homes.get(file));
    }

    /**
     * {@code true}/{@code false}, or {@code null} when the file's home is unknown. A unix socket is on
     * the proxy's own machine, so always local.
     */
    Boolean isLocal(Path file, ServerConfig server) {
        if (server.isUnix()) {
            return Boolean.TRUE;
        }
        String home = homes.get(file);
        return home == null ? null : home.equals(Hosts.address(server.host()));
    }

    /** Whether {@code endpoint} is on {@code file}'s home host; {@code null} when unknown. */
    Boolean isLocal(Path file, Endpoint endpoint) {
        if (endpoint.isUnix()) {
            return Boolean.TRUE;
        }
        String home = homes.get(file);
        return home == null ? null : home.equals(Hosts.address(endpoint.host()));
    }

    private static Optional<String> byListen(ProxyConfig f) {
        Set<String> hosts = new LinkedHashSet<>();
        for (PoolConfig p : f.pools()) {
            if (!p.listen().isUnix()) {
                if (Hosts.saysNothing(p.listen().host())) {
                    return Optional.empty();
                }
                hosts.add(Hosts.address(p.listen().host()));
            }
        }
        return hosts.size() == 1 ? Optional.of(hosts.iterator().next()) : Optional.empty();
    }

    private static Optional<String> byMajority(ProxyConfig f) {
        List<String> hosts = serverHosts(f);
        Map<String, Integer> counts = new HashMap<>();
        hosts.forEach(h -> counts.merge(h, 1, Integer::sum));
        return counts.entrySet().stream().filter(e -> e.getValue() * 2 > hosts.size()).map(Map.Entry::getKey)
                .findFirst();
    }

    private static List<String> serverHosts(ProxyConfig f) {
        List<String> hosts = new ArrayList<>();
        for (PoolConfig p : f.pools()) {
            for (ServerConfig s : p.servers()) {
                if (!s.isUnix()) {
                    hosts.add(Hosts.address(s.host()));
                }
            }
        }
        return hosts;
    }
}
