package io.jnutcracker.sentinel;

import io.jnutcracker.config.SentinelSettings;
import io.jnutcracker.config.ServerConfig;
import io.jnutcracker.route.Pool;
import io.jnutcracker.sentinel.SwitchVotes.Verdict;
import io.jnutcracker.topology.Answer;
import io.jnutcracker.topology.Endpoint;
import io.jnutcracker.topology.ReplicationInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one pool's members where its Sentinels say they are (jn_sentinels). A master pool's member X
 * is at the address of Sentinel master X; a read pool's member X (jn_sentinel_local) at a local
 * replica of master X ({@link ReplicaChoice}), or at master X itself while it has none. Every method
 * runs on the monitor's one thread ({@link SentinelMonitor}), which owns all the state here; the
 * subscriptions only hand their events over.
 *
 * <p>When: at start (before the proxy reports itself started), at each {@code +switch-master} (under
 * {@link SwitchVotes}' rule), for a read pool at each replica event of one of its masters, once a
 * subscription is (re)established, and every {@link SentinelMonitor#RESYNC_SECONDS} in case a message
 * was lost. A move is {@link Pool#relocate}: a new generation with that one address replaced.
 */
final class SentinelWatch {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelWatch.class);

    private final Pool pool;
    private final SentinelSettings settings;
    private final SentinelMonitor monitor;
    private final SwitchVotes votes;
    /** Member name -> the address it uses now, as this watcher set it. */
    private final Map<String, String> inForce = new HashMap<>();

    SentinelWatch(Pool pool, SentinelMonitor monitor) {
        this.pool = pool;
        this.settings = pool.config().extensions().sentinel();
        this.monitor = monitor;
        this.votes = new SwitchVotes(settings.sentinels().size(), SentinelMonitor.VOTE_WINDOW_NANOS,
                monitor.clock());
        for (ServerConfig s : pool.generation().config().servers()) {
            inForce.put(s.name(), s.address());
        }
    }

    Pool pool() {
        return pool;
    }

    SentinelSettings settings() {
        return settings;
    }

    /** Asks every Sentinel where each master is (and, for a read pool, its replicas). */
    void resync() {
        for (String member : inForce.keySet().stream().sorted().toList()) {
            for (InetSocketAddress s : settings.sentinels()) {
                String sentinel = name(s);
                ask(s, "get-master-addr-by-name", member).ifPresent(a -> {
                    List<String> ipPort = a.texts();
                    if (ipPort.size() == 2 && ipPort.get(0) != null) {
                        consider(sentinel, member, ipPort.get(0) + ":" + ipPort.get(1), "asked");
                    }
                });
            }
            if (settings.readsReplicas()) {
                resolveReplica(member);
            }
        }
    }

    /** A message from {@code sentinel}. */
    void event(String sentinel, SentinelEvent event) {
        if (!inForce.containsKey(event.master())) {
            return; // another pool's master, or one this pool does not use
        }
        if (event.switchesMaster()) {
            consider(sentinel, event.master(), event.address(), "+switch-master");
        } else if (settings.readsReplicas() && event.aboutReplica()) {
            LOG.info("pool '{}': sentinel {} reports {} for replica {} of '{}'", pool.name(), sentinel,
                    event.channel(), event.address(), event.master());
            resolveReplica(event.master());
        }
    }

    private void consider(String sentinel, String master, String address, String how) {
        Verdict v = votes.vote(sentinel, master, address);
        if (v == Verdict.CURRENT) {
            return;
        }
        String why;
        // A lone answer to a question (not news) that contradicts the address in force is more likely
        // a Sentinel that has not caught up: it may move the member only with a majority behind it.
        boolean confirmable = how.startsWith("+") || votes.current(master) == null;
        if (v == Verdict.TRUSTED) {
            why = how + " from a majority of " + settings.sentinels().size() + " sentinels";
        } else if (confirmable && isMaster(address)) {
            votes.confirmed(master, address);
            why = how + " from sentinel " + sentinel + ", confirmed: " + address + " says role:master";
        } else {
            LOG.debug("pool '{}': sentinel {} says master '{}' is at {} ({}); not confirmed", pool.name(),
                    sentinel, master, address, how);
            return;
        }
        if (settings.readsReplicas()) {
            pool.relocate(master, true, at(address)); // the read fallback's target, when there is one
            LOG.warn("pool '{}': master '{}' is now at {} ({})", pool.name(), master, address, why);
            resolveReplica(master);
        } else {
            move(master, address, why);
        }
    }

    /** A read pool's member {@code master}: a usable local replica, else the master itself. */
    private void resolveReplica(String master) {
        Optional<ReplicaChoice.Replica> choice = Optional.empty();
        boolean answered = false;
        for (InetSocketAddress s : settings.sentinels()) {
            Optional<Answer> a = ask(s, "slaves", master);
            if (a.isPresent()) {
                answered = true;
                choice = ReplicaChoice.choose(a.get(), settings);
                break;
            }
        }
        if (!answered) {
            return; // no Sentinel to ask: keep what is in force
        }
        String masterAt = votes.current(master);
        if (choice.isPresent()) {
            move(master, choice.get().address(), "local replica of '" + master + "'");
        } else if (masterAt != null) {
            move(master, masterAt, "no usable local replica of '" + master + "': reading from the master");
        }
    }

    private void move(String member, String address, String why) {
        if (address.equals(inForce.get(member))) {
            return;
        }
        String from = inForce.put(member, address);
        if (pool.relocate(member, false, at(address))) {
            LOG.warn("pool '{}': server '{}' moved from {} to {} ({})", pool.name(), member, from, address, why);
        }
    }

    private Optional<Answer> ask(InetSocketAddress sentinel, String verb, String master) {
        try {
            Answer a = monitor.probe().ask(Endpoint.tcp(sentinel.getHostString(), sentinel.getPort()),
                    settings.auth(), List.<String[]>of(new String[] {"SENTINEL", verb, master})).get(0);
            if (a.error()) {
                LOG.debug("sentinel {}: SENTINEL {} {}: {}", name(sentinel), verb, master, a.text());
                return Optional.empty();
            }
            return Optional.of(a);
        } catch (IOException e) {
            LOG.debug("sentinel {}: {}", name(sentinel), e.getMessage());
            return Optional.empty();
        }
    }

    /** The confirmation query: does the announced server itself say it is a master? */
    private boolean isMaster(String address) {
        InetSocketAddress a = at(address);
        try {
            ReplicationInfo info = monitor.probe().replication(Endpoint.tcp(a.getHostString(), a.getPort()),
                    pool.config().redisAuth());
            return "master".equals(info.role());
        } catch (IOException e) {
            return false;
        }
    }

    static String name(InetSocketAddress sentinel) {
        return sentinel.getHostString() + ":" + sentinel.getPort();
    }

    private static InetSocketAddress at(String address) {
        int colon = address.lastIndexOf(':');
        return InetSocketAddress.createUnresolved(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)));
    }
}
