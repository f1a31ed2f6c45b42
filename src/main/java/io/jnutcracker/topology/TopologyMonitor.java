package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.config.ReplicaReads;
import io.jnutcracker.util.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous verification in the running proxy: the {@code check} of this proxy's own file, every
 * {@code jn_verify_interval} seconds, on one daemon thread of its own (never on an event loop; its
 * {@link RedisProbe} has an event-loop thread of its own too, apart from the proxy's). It
 * reports on the pools that set the key; every pool of the file takes part in pairing. A problem is
 * logged (warn) when it appears and when it clears (info); the counters are published as a
 * {@link TopologyStatus} after each check.
 *
 * <p>The first check runs at start. With several pools setting different intervals, the shortest
 * is used.
 */
public final class TopologyMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopologyMonitor.class);
    /** Sample keys per estimate in the background: enough for a share to 1%, cheap every few seconds. */
    static final int BACKGROUND_SAMPLES = 10_000;

    /** A monitor that never runs (no pool sets {@code jn_verify_interval}). */
    public static final TopologyMonitor OFF = new TopologyMonitor(null, null, Set.of(), 0, Clock.SYSTEM,
            ReplicaListener.NONE);

    private final ProxyConfig config;
    private final TopologyCheck check;
    private final Set<String> verified;
    private final int intervalSeconds;
    private final AtomicLong checksRun = new AtomicLong();
    private final Map<String, Problem> current = new LinkedHashMap<>();
    private final Set<String> notesLogged = new HashSet<>();
    private volatile TopologyStatus status;
    private ScheduledExecutorService executor;
    private RedisProbe probe;
    /** jn_max_replica_lag: the rule, the last verdicts (by pool and member) and the marks counted. */
    private final ReplicaJudge judge;
    private final ReplicaListener listener;
    private final Map<String, ReplicaVerdict> verdicts = new HashMap<>();
    private long replicaMarks;

    TopologyMonitor(ProxyConfig config, InfoSource source, Set<String> verified, int intervalSeconds, Clock clock,
                    ReplicaListener listener) {
        this.config = config;
        this.judge = new ReplicaJudge(clock);
        this.listener = listener;
        this.check = source == null ? null : new TopologyCheck(source, BACKGROUND_SAMPLES);
        this.verified = Set.copyOf(verified);
        this.intervalSeconds = intervalSeconds;
        this.status = source == null ? TopologyStatus.DISABLED : new TopologyStatus(true, intervalSeconds, 0, 0, 0,
                0, 0, 0, Map.of(), List.of());
    }

    /**
     * Starts checking when a pool sets {@code jn_verify_interval}; else returns {@link #OFF}.
     *
     * @param listener told the verdict on each read member of the pools with {@code jn_max_replica_lag}
     */
    public static TopologyMonitor start(ProxyConfig config, Clock clock, ReplicaListener listener) {
        // Costs nothing until its first question: its event-loop thread starts then.
        RedisProbe probe = new RedisProbe(RedisProbe.DEFAULT_TIMEOUT_MILLIS);
        TopologyMonitor m = of(config, probe, clock, listener);
        if (m != OFF) {
            m.probe = probe;
            m.executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jn-topology");
                t.setDaemon(true);
                return t;
            });
            m.executor.scheduleWithFixedDelay(m::checkSafely, 0, m.intervalSeconds, TimeUnit.SECONDS);
            LOG.info("topology check every {} s for pool(s) {}", m.intervalSeconds, m.verified);
        }
        return m;
    }

    /** A monitor that checks only when {@link #checkNow()} is called (tests), or {@link #OFF}. */
    static TopologyMonitor of(ProxyConfig config, InfoSource source) {
        return of(config, source, Clock.SYSTEM, ReplicaListener.NONE);
    }

    /** As {@link #of(ProxyConfig, InfoSource)}, judging read members with {@code clock}, told to {@code listener}. */
    static TopologyMonitor of(ProxyConfig config, InfoSource source, Clock clock, ReplicaListener listener) {
        Set<String> verified = new HashSet<>();
        int interval = Integer.MAX_VALUE;
        for (PoolConfig p : config.pools()) {
            if (p.extensions().verifies()) {
                verified.add(p.name());
                interval = Math.min(interval, p.extensions().verifyIntervalSeconds());
            }
        }
        return verified.isEmpty() ? OFF : new TopologyMonitor(config, source, verified, interval, clock, listener);
    }

    public TopologyStatus status() {
        return status;
    }

    /** Runs one check now, on the caller's thread, and publishes its status. */
    synchronized TopologyStatus checkNow() {
        if (check == null) {
            return status;
        }
        TopologyReport report = check.run(List.of(config));
        List<Problem> mine = report.problems().stream().filter(p -> verified.contains(p.pool())).toList();
        log(mine, report.notes());
        Set<String> misPaired = new HashSet<>();
        int linksDown = 0;
        int unreachable = 0;
        for (Problem p : mine) {
            switch (p.kind().category()) {
                case PAIRING -> misPaired.add(p.pool() + "/" + (p.member() == null ? "" : p.member()));
                case LINK -> linksDown++;
                case REACH -> unreachable++;
                default -> {
                    // settings and locality count as problems only
                }
            }
        }
        Map<String, Double> shares = new HashMap<>();
        for (PoolReport pr : report.pools()) {
            if (verified.contains(pr.pool().name()) && pr.miss() != null) {
                shares.put(pr.pool().name(), pr.miss().share());
            }
        }
        List<ReplicaVerdict> replicas = judgeReplicas(report);
        status = new TopologyStatus(true, intervalSeconds, checksRun.incrementAndGet(), System.currentTimeMillis(),
                misPaired.size(), linksDown, unreachable, mine.size(), shares,
                mine.stream().map(p -> p.where() + ": " + p.kind().id() + ": " + p.message()).toList(),
                replicaMarks, replicas);
        return status;
    }

    /**
     * {@code jn_max_replica_lag}: judges each member of the pools that set it ({@link ReplicaJudge}),
     * tells the listener, and logs a member once when it becomes unreadable and once when it recovers.
     */
    private List<ReplicaVerdict> judgeReplicas(TopologyReport report) {
        List<ReplicaVerdict> out = new ArrayList<>();
        for (PoolReport pr : report.pools()) {
            ReplicaReads rules = pr.pool().extensions().replicaReads();
            if (!rules.marks()) {
                continue;
            }
            for (MemberReport m : pr.members()) {
                ReplicationInfo info = m.node() == null ? null : m.node().info();
                ReplicaVerdict v = judge.judge(pr.pool().name(), m.server().name(), info, m.lag().bytes(),
                        rules.maxLagSeconds());
                ReplicaVerdict before = verdicts.put(v.pool() + '\0' + v.member(), v);
                boolean was = before != null && before.unreadable();
                if (v.unreadable() && !was) {
                    replicaMarks++;
                    LOG.warn("replica reads: pool '{}' member '{}' ({}) is unreadable: {}; its reads go to its master",
                            v.pool(), v.member(), m.server().address(), v.reason());
                } else if (!v.unreadable() && was) {
                    LOG.info("replica reads: pool '{}' member '{}' ({}) is readable again: {}", v.pool(), v.member(),
                            m.server().address(), v.reason());
                }
                listener.verdict(v);
                out.add(v);
            }
        }
        return out;
    }

    private void checkSafely() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.warn("topology check failed: {}", e.toString());
        }
    }

    private void log(List<Problem> problems, List<String> notes) {
        Map<String, Problem> now = new LinkedHashMap<>();
        for (Problem p : problems) {
            now.put(p.where() + " " + p.kind().id() + " " + p.member(), p);
        }
        now.forEach((k, p) -> {
            if (!current.containsKey(k)) {
                LOG.warn("topology: {}: {} → {}{}", p.where(), p.message(), p.fix(),
                        p.replacement() == null ? "" : "; replace with: " + p.replacement());
            }
        });
        current.forEach((k, p) -> {
            if (!now.containsKey(k)) {
                LOG.info("topology: {}: resolved: {}", p.where(), p.kind().id());
            }
        });
        if (checksRun.get() == 0 && now.isEmpty()) {
            LOG.info("topology: all clear for pool(s) {}", verified);
        }
        current.clear();
        current.putAll(now);
        for (String n : notes) {
            if (notesLogged.add(n)) {
                LOG.info("topology: {}", n);
            }
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (probe != null) {
            probe.close(); // a check still running gets its last servers as unreachable, and ends
        }
    }
}
