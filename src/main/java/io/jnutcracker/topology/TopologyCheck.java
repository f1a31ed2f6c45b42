package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jnutcracker check}: do the read pools line up with their master pools?
 *
 * <ol>
 *   <li>Ask every member of every redis pool in the files (several files: several data centres) for
 *       its {@code INFO replication}, and follow replicas up to their master ({@link Origin}).</li>
 *   <li>A pool whose members are all masters is a master pool; one with a replica is a read pool.
 *       Pair each read pool with the master pool holding the masters its members replicate
 *       ({@link Pairing}); nothing in the config says which.</li>
 *   <li>For each pair: read member {@code X} must hold master member {@code X}'s data; both pools
 *       must use the same hash, distribution, hash_tag, member count and weights, with named
 *       members; estimate the share of reads that miss ({@link MissEstimate}).</li>
 *   <li>For every read member: on its proxy's host ({@link Locality}), link up, lag.</li>
 * </ol>
 *
 * <p>Blocking (it talks to servers through the {@link InfoSource}); one run per call, any thread.
 */
public final class TopologyCheck {
    public static final int DEFAULT_SAMPLES = 10_000;

    private final InfoSource source;
    private final int samples;

    public TopologyCheck(InfoSource source, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1");
        }
        this.source = source;
        this.samples = samples;
    }

    public TopologyReport run(List<ProxyConfig> files) {
        CheckRun run = new CheckRun(new Survey(source), Locality.of(files), samples);
        for (ProxyConfig f : files) {
            for (PoolConfig p : f.pools()) {
                run.pools.add(SurveyedPool.of(f.file(), p, run.survey));
            }
        }
        List<SurveyedPool> masters = run.pools.stream().filter(p -> p.role() == PoolRole.MASTER).toList();
        Set<SurveyedPool> pairedMasters = new HashSet<>();
        List<PoolReport> reports = new ArrayList<>();
        for (SurveyedPool p : run.pools) {
            switch (p.role()) {
                case READ -> {
                    Optional<SurveyedPool> m = Pairing.masterFor(p, masters);
                    m.ifPresent(pairedMasters::add);
                    reports.add(m.map(master -> ReadPoolCheck.paired(run, p, master))
                            .orElseGet(() -> ReadPoolCheck.alone(run, p)));
                }
                case MASTER, UNKNOWN -> reports.add(other(run, p));
                case SKIPPED -> {
                    run.note(p.ref() + ": a memcached pool, no replication to verify, not checked");
                    reports.add(other(run, p));
                }
                default -> throw new IllegalStateException();
            }
        }
        for (SurveyedPool m : pairedMasters) {
            unnamedMasters(run, m);
        }
        for (ProxyConfig f : files) {
            if (run.locality.home(f.file()).isEmpty()) {
                run.note(f.file() + ": its addresses do not tell which host it runs on, so locality is not checked"
                        + " (give its pools a listen address of the host)");
            }
        }
        List<Path> order = files.stream().map(ProxyConfig::file).toList();
        List<Problem> problems = new ArrayList<>(run.problems());
        problems.sort(Comparator.<Problem>comparingInt(p -> order.indexOf(p.file())).thenComparingInt(Problem::line)
                .thenComparing(Problem::kind));
        return new TopologyReport(reports, problems, run.notes(), samples, run.survey.asked());
    }

    /** A master pool, or one no member of which answered: reachability only. */
    private static PoolReport other(CheckRun run, SurveyedPool p) {
        List<MemberReport> members = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            NodeState n = p.role() == PoolRole.SKIPPED ? null : p.nodes().get(i);
            Origin o = n == null ? null : p.origins().get(i);
            if (n != null && !n.reachable()) {
                run.member(ProblemKind.UNREACHABLE, p, i, CheckRun.label(p, i) + " does not answer: " + n.error(),
                        "start it, or correct its address", null);
            }
            members.add(new MemberReport(p.server(i), n, o, null, null, Lag.UNKNOWN));
        }
        return new PoolReport(p.file(), p.pool(), p.role(), null, members, null, null);
    }

    /** Master members without a name: their replicas cannot share their placement by name. */
    private static void unnamedMasters(CheckRun run, SurveyedPool m) {
        for (int i = 0; i < m.size(); i++) {
            ServerConfig s = m.server(i);
            if (!ServerLine.named(s)) {
                run.member(ProblemKind.UNNAMED, m, i, CheckRun.label(m, i) + " has no name, so nutcracker places keys"
                        + " on it by its address, which no replica of it shares",
                        "name it, and its replica in each read pool, alike (e.g. " + ServerLine.of(Endpoint.of(s),
                                s.weight(), "redis" + String.format("%02d", i + 1)) + ")", null);
            }
        }
    }
}
