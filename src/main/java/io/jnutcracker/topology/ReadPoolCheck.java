package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of one read pool: against the master pool it pairs with (names, data, settings, weights,
 * predicted misses), or alone when no master pool was given (members replicating the same master).
 * Both: reachability, names, locality and links.
 */
final class ReadPoolCheck {
    private final CheckRun run;
    private final SurveyedPool read;
    private final SurveyedPool master;
    private MissEstimate miss;

    private ReadPoolCheck(CheckRun run, SurveyedPool read, SurveyedPool master) {
        this.run = run;
        this.read = read;
        this.master = master;
    }

    static PoolReport paired(CheckRun run, SurveyedPool read, SurveyedPool master) {
        ReadPoolCheck c = new ReadPoolCheck(run, read, master);
        c.miss = MissEstimate.of(read.pool(), read.origins(), master.pool(), master.origins(), run.samples);
        c.settings();
        Set<String> renamedTo = new HashSet<>();
        for (int i = 0; i < read.size(); i++) {
            c.pairing(i, renamedTo);
            c.common(i, master.indexOf(read.server(i).name()));
        }
        c.members(renamedTo);
        return c.report();
    }

    static PoolReport alone(CheckRun run, SurveyedPool read) {
        ReadPoolCheck c = new ReadPoolCheck(run, read, null);
        Set<String> roots = new java.util.LinkedHashSet<>();
        read.origins().forEach(o -> roots.add(o.describeSource()));
        run.note(read.ref() + ": no master pool among the files checked holds the masters its members replicate ("
                + String.join(", ", roots) + "), so its member names are not checked against one;"
                + " check it together with the master pool's file (-c FILE -c FILE)");
        for (int i = 0; i < read.size(); i++) {
            NodeState n = read.nodes().get(i);
            if (!n.reachable()) {
                run.member(ProblemKind.UNREACHABLE, read, i, CheckRun.label(read, i) + " does not answer: " + n.error(),
                        "start it, or replace it with a replica that answers", null);
            } else if (!ServerLine.named(read.server(i))) {
                run.member(ProblemKind.UNNAMED, read, i, CheckRun.label(read, i) + " has no name, so nutcracker"
                        + " places keys on it by its address, which its master pool cannot share",
                        "name it like the master-pool member it replicates", null);
            }
            c.common(i, -1);
        }
        c.sameSource();
        return c.report();
    }

    // ---- against the master pool

    private void settings() {
        PoolConfig r = read.pool();
        PoolConfig m = master.pool();
        String against = master.pool().name() + " (" + master.file() + ":" + m.line() + ")";
        if (r.hash() != m.hash()) {
            String want = "hash: " + m.hash().configName();
            run.poolKey(ProblemKind.HASH, read, "hash", read.pool().name() + " hashes keys with "
                    + r.hash().configName() + ", " + against + " with " + m.hash().configName()
                    + ": most keys are read from another member than they were written to",
                    "use the master pool's hash", want, "add \"" + want + "\" to this pool");
        }
        if (r.distribution() != m.distribution()) {
            String want = "distribution: " + m.distribution().configName();
            run.poolKey(ProblemKind.DISTRIBUTION, read, "distribution", read.pool().name() + " distributes with "
                    + r.distribution().configName() + ", " + against + " with " + m.distribution().configName(),
                    "use the master pool's distribution", want, "add \"" + want + "\" to this pool");
        }
        if (!Arrays.equals(r.hashTag(), m.hashTag())) {
            String message = read.pool().name() + " uses " + tag(r.hashTag()) + ", " + against + " uses "
                    + tag(m.hashTag()) + ": keys with tags are placed differently";
            if (m.hashTag() == null) {
                run.poolKey(ProblemKind.HASH_TAG, read, "hash_tag", message, "delete this line", null,
                        "delete its hash_tag");
            } else {
                String want = "hash_tag: " + quoted(m.hashTag());
                run.poolKey(ProblemKind.HASH_TAG, read, "hash_tag", message, "use the master pool's hash_tag", want,
                        "add \"" + want + "\" to this pool");
            }
        }
        if (read.size() != master.size()) {
            run.pool(ProblemKind.MEMBER_COUNT, read, serversLine(), read.pool().name() + " has " + read.size()
                    + " members, " + against + " has " + master.size() + ": the continuums differ",
                    "one member per master-pool member, named alike", null);
        }
    }

    /** Is member {@code i} the master member of its name? Which data does it hold instead? */
    private void pairing(int i, Set<String> renamedTo) {
        ServerConfig s = read.server(i);
        NodeState n = read.nodes().get(i);
        Origin o = read.origins().get(i);
        int j = master.indexOf(s.name());
        int h = n.reachable() ? master.holding(o) : -1;
        String label = CheckRun.label(read, i);
        String m = master.pool().name();
        if (!n.reachable()) {
            run.member(ProblemKind.UNREACHABLE, read, i, label + " does not answer: " + n.error(),
                    j >= 0 ? "start it, or use another replica of " + s.name() + "'s master " + root(j) : "start it",
                    j >= 0 ? replacementFor(master.origins().get(j), s.name(), master.server(j).weight()) : null);
        } else if (!ServerLine.named(s)) {
            String fix;
            String line = null;
            if (h >= 0 && ServerLine.named(master.server(h))) {
                fix = "name it " + master.server(h).name() + ": it holds " + m + "'s " + master.server(h).name();
                line = ServerLine.of(Endpoint.of(s), master.server(h).weight(), master.server(h).name());
                renamedTo.add(master.server(h).name());
            } else if (h >= 0) {
                fix = "name it, and " + m + "'s " + master.server(h).name() + ", alike";
            } else {
                fix = "name it like the " + m + " member it should replicate";
            }
            run.member(ProblemKind.UNNAMED, read, i, label + " has no name, so nutcracker places keys on it by its"
                    + " address, which " + m + " does not use" + missPart(i), fix, line);
        } else if (j < 0) {
            String[] rename = rename(i, h, renamedTo);
            run.member(ProblemKind.NAME_NOT_IN_MASTER, read, i, label + " is named unlike every member of " + m + " ("
                    + String.join(", ", names(master)) + ")" + missPart(i),
                    rename != null ? rename[0] : "rename it after the " + m + " member it should replicate",
                    rename != null ? rename[1] : null);
        } else if (Boolean.FALSE.equals(holds(i, j))) {
            boolean isMaster = n.isMaster();
            String message = isMaster
                    ? label + " is a master itself, not a replica of " + m + "'s " + s.name() + " (" + root(j) + ")"
                    : label + " replicates " + source(o, h) + ", not " + m + "'s " + s.name() + " (" + root(j) + ")";
            String[] rename = isMaster ? null : rename(i, h, renamedTo);
            run.member(isMaster ? ProblemKind.NOT_A_REPLICA : ProblemKind.MIS_PAIRED, read, i, message + missPart(i),
                    rename != null ? rename[0] : "use a replica of " + s.name() + "'s master " + root(j),
                    rename != null ? rename[1] : replacementFor(master.origins().get(j), s.name(),
                            master.server(j).weight()));
        }
        if (j >= 0 && s.weight() != master.server(j).weight()) {
            run.member(ProblemKind.WEIGHT, read, i, label + " has weight " + s.weight() + ", " + m + "'s " + s.name()
                    + " has " + master.server(j).weight() + ": the continuums differ", "use the master member's weight",
                    ServerLine.of(Endpoint.of(s), master.server(j).weight(), s.name()));
        }
    }

    /**
     * Does read member {@code i} hold master member {@code j}'s data? By replication ID; when master
     * {@code j} did not answer, by address (the replica's master as configured on it is {@code j}'s
     * address) or by holding another master member's data; else unknown ({@code null}): a dead
     * master is not a mis-pairing.
     */
    private Boolean holds(int i, int j) {
        Origin o = read.origins().get(i);
        Origin m = master.origins().get(j);
        if (o.replid() == null) {
            return null;
        }
        if (m.replid() != null) {
            return o.sameData(m);
        }
        NodeState n = read.nodes().get(i);
        Endpoint at = Endpoint.of(master.server(j));
        if (o.chain().contains(at) || n.isReplica() && at.equals(n.info().master())) {
            return Boolean.TRUE;
        }
        int other = master.holding(o);
        if (other >= 0 && other != j) {
            return Boolean.FALSE; // it holds another master member's data, so not this one's
        }
        run.note(CheckRun.label(read, i) + ": not checked against " + master.pool().name() + "'s "
                + master.server(j).name() + ", which does not answer");
        return null;
    }

    /**
     * Member {@code i} holds master member {@code h}'s data under another name: renaming it fixes it,
     * unless the read member of that name already holds that data. {fix, replacement} or {@code null}.
     */
    private String[] rename(int i, int h, Set<String> renamedTo) {
        if (h < 0) {
            return null;
        }
        String name = master.server(h).name();
        int k = read.indexOf(name);
        if (k >= 0 && read.origins().get(k).sameData(master.origins().get(h)) || renamedTo.contains(name)) {
            return null;
        }
        renamedTo.add(name);
        return new String[] {"rename it " + name + ": it replicates " + master.pool().name() + "'s " + name,
            ServerLine.of(Endpoint.of(read.server(i)), master.server(h).weight(), name)};
    }

    /** Master members without a namesake here (unless a rename above gives them one). */
    private void members(Set<String> renamedTo) {
        for (int j = 0; j < master.size(); j++) {
            ServerConfig ms = master.server(j);
            if (read.indexOf(ms.name()) >= 0 || renamedTo.contains(ms.name())) {
                continue;
            }
            String add = replacementFor(master.origins().get(j), ms.name(), ms.weight());
            run.pool(ProblemKind.MISSING_MEMBER, read, serversLine(), master.pool().name() + "'s " + ms.name() + " ("
                    + root(j) + ") has no namesake in " + read.pool().name() + ": its keys are read from members"
                    + " that do not hold them", "add \"" + add + "\" under servers:", null);
        }
    }

    // ---- alone

    private void sameSource() {
        Map<String, List<Integer>> byData = new LinkedHashMap<>();
        for (int i = 0; i < read.size(); i++) {
            Origin o = read.origins().get(i);
            if (o.replid() != null) {
                byData.computeIfAbsent(o.replid(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> same : byData.values()) {
            if (same.size() < 2) {
                continue;
            }
            List<String> names = same.stream().map(i -> read.server(i).name()).toList();
            for (int i : same) {
                run.member(ProblemKind.SAME_SOURCE, read, i, read.pool().name() + "'s " + String.join(" and ", names)
                        + (names.size() == 2 ? " both" : " all") + " replicate " + read.origins().get(i).describeSource() + ": keys routed to all but one"
                        + " of them miss", "make each member a replica of the master member of its name", null);
            }
        }
    }

    // ---- either way

    /** Locality and link of member {@code i}; {@code j}: the master member of its name, or -1. */
    private void common(int i, int j) {
        ServerConfig s = read.server(i);
        NodeState n = read.nodes().get(i);
        Origin o = read.origins().get(i);
        String label = CheckRun.label(read, i);
        if (Boolean.FALSE.equals(run.locality.isLocal(read.file(), s))) {
            String home = run.locality.home(read.file()).orElseThrow();
            Origin want = j >= 0 ? master.origins().get(j) : o;
            int weight = j >= 0 ? master.server(j).weight() : s.weight();
            run.member(ProblemKind.NOT_LOCAL, read, i, label + " is on " + s.host() + ", not on this proxy's host "
                    + home + ": its reads cross to another data centre",
                    "use a replica of " + (j >= 0 ? s.name() + "'s master " + root(j) : o.describeSource()) + " on " + home,
                    want.root() == null ? null : replacementFor(want, s.name(), weight));
        }
        if (n.isReplica() && !o.linksUp()) {
            ReplicationInfo info = n.info();
            String message = info.linkUp()
                    ? label + " gets its data through " + chain(o) + ", where a replica's link to its master is down"
                    : label + " reports its link to its master " + info.master() + " down"
                    + (info.linkDownSinceSeconds() >= 0 ? " for " + info.linkDownSinceSeconds() + " s" : "")
                    + (info.syncInProgress() ? " (sync in progress)" : "");
            run.member(ProblemKind.LINK_DOWN, read, i, message + ": it serves stale data, or none",
                    "repair replication (see the replica's log)", null);
        }
        if (n.reachable() && o.doubt() != null) {
            run.note(label + ": " + o.doubt());
        }
    }

    /** The master member whose data read member {@code i} holds (its namesake first), or -1. */
    private int held(int i) {
        int j = master.indexOf(read.server(i).name());
        return j >= 0 && Boolean.TRUE.equals(holds(i, j)) ? j : master.holding(read.origins().get(i));
    }

    private PoolReport report() {
        List<MemberReport> members = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            NodeState n = read.nodes().get(i);
            Origin o = read.origins().get(i);
            int h = master == null || !n.reachable() ? -1 : held(i);
            ReplicationInfo direct = o.chain().size() > 1 ? run.survey.node(o.chain().get(1), Access.of(read.pool())).info()
                    : n.isReplica() ? run.survey.node(n.info().master(), Access.of(read.pool())).info() : null;
            members.add(new MemberReport(read.server(i), n, o, h >= 0 ? master.server(h).name() : null,
                    run.locality.isLocal(read.file(), read.server(i)), Lag.of(n.endpoint(), n.info(), direct)));
        }
        return new PoolReport(read.file(), read.pool(), PoolRole.READ, master == null ? null : master.ref(), members,
                miss, run.locality.home(read.file()).orElse(null));
    }

    // ---- wording

    /**
     * The line to put instead of a wrong member: a replica of {@code data}'s root not yet in this
     * pool and on this proxy's host (unused by any pool first), or a placeholder saying what is needed.
     */
    private String replacementFor(Origin data, String name, int weight) {
        if (data.root() == null) {
            return ServerLine.of("<a replica of " + name + "'s master>", weight, name);
        }
        List<Endpoint> candidates = run.survey.replicasOf(data, Access.of(read.pool())).stream()
                .filter(e -> read.indexOf(e) < 0)
                .filter(e -> !Boolean.FALSE.equals(run.locality.isLocal(read.file(), e)))
                .sorted(Comparator.comparing(run::inAnyPool))
                .toList();
        if (!candidates.isEmpty()) {
            return ServerLine.of(candidates.get(0), weight, name);
        }
        String home = run.locality.home(read.file()).map(h -> " on " + h).orElse("");
        return ServerLine.of("<a replica of " + data.root() + home + ">", weight, name);
    }

    private String root(int j) {
        Origin o = master.origins().get(j);
        return o.root() != null ? o.root().toString() : Endpoint.of(master.server(j)).toString();
    }

    /** What member data {@code o} is, for "replicates ...": its root, and whose in the master pool. */
    private String source(Origin o, int h) {
        String whose = h >= 0 ? master.pool().name() + "'s " + master.server(h).name()
                : "no member of " + master.pool().name();
        return o.root() != null ? o.root() + " (" + whose + ")" : "the data of " + whose + " (" + o.doubt() + ")";
    }

    private String missPart(int i) {
        if (miss == null || miss.missesByMember()[i] == 0) {
            return "";
        }
        return "; " + MissEstimate.percent(miss.memberShare(i)) + " of sampled keys are read from it and miss";
    }

    private int serversLine() {
        int line = run.text.keyLine(read.file(), read.pool().line(), "servers");
        return line > 0 ? line : read.pool().line();
    }

    private static List<String> names(SurveyedPool pool) {
        return pool.pool().servers().stream().map(ServerConfig::name).toList();
    }

    private static String chain(Origin o) {
        List<String> hops = new ArrayList<>(o.chain().stream().map(Endpoint::toString).toList());
        java.util.Collections.reverse(hops);
        return String.join(" -> ", hops);
    }

    private static String tag(byte[] tag) {
        return tag == null ? "no hash_tag" : "hash_tag " + quoted(tag);
    }

    static String quoted(byte[] tag) {
        String t = new String(tag, StandardCharsets.UTF_8).replace("\\", "\\\\").replace("\"", "\\\"");
        return "\"" + t + "\"";
    }
}
