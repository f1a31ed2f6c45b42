package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The human report of {@code jnutcracker check}: each pool and its members, then each line to
 * change ({@code file:line: text → fix}, why, and the line to write instead), notes, and a verdict.
 */
public final class ReportText {
    private ReportText() {
    }

    public static void print(TopologyReport report, PrintWriter out) {
        long files = report.pools().stream().map(PoolReport::file).distinct().count();
        out.printf("jnutcracker check: %d pool%s in %d file%s, %d server%s asked, %d sample keys per estimate%n",
                report.pools().size(), report.pools().size() == 1 ? "" : "s", files, files == 1 ? "" : "s",
                report.serversAsked(), report.serversAsked() == 1 ? "" : "s", report.samples());
        for (PoolReport p : report.pools()) {
            out.println();
            pool(report, p, out);
        }
        Map<String, List<Problem>> byLine = new LinkedHashMap<>();
        report.problems().forEach(p -> byLine.computeIfAbsent(p.where(), k -> new ArrayList<>()).add(p));
        if (!byLine.isEmpty()) {
            out.println();
            out.printf("Problems: %d line%s to change%n", byLine.size(), byLine.size() == 1 ? "" : "s");
            byLine.values().forEach(ps -> line(ps, out));
        }
        if (!report.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            report.notes().forEach(n -> out.println("    " + n));
        }
        out.println();
        out.println(verdict(report));
        out.flush();
    }

    /** The last line: all clear, or how many lines to change and the predicted misses. */
    public static String verdict(TopologyReport report) {
        List<String> misses = new ArrayList<>();
        for (PoolReport p : report.pools()) {
            if (p.miss() != null && (p.miss().misses() > 0 || !report.ok())) {
                misses.add(p.pool().name() + " (" + p.file() + ") " + MissEstimate.percent(p.miss().share()));
            }
        }
        if (report.ok()) {
            return "ALL CLEAR: every read pool lines up with its master pool"
                    + (report.pools().stream().anyMatch(p -> p.role() == PoolRole.READ && p.master() == null)
                    ? " (see the notes for what could not be checked)" : "");
        }
        long lines = report.problems().stream().map(Problem::where).distinct().count();
        return "PROBLEMS: " + lines + " line" + (lines == 1 ? "" : "s") + " to change"
                + (misses.isEmpty() ? "" : "; predicted misses: " + String.join(", ", misses));
    }

    private static void pool(TopologyReport report, PoolReport p, PrintWriter out) {
        PoolConfig c = p.pool();
        String what = switch (p.role()) {
            case MASTER -> "master pool";
            case READ -> p.master() != null ? "read pool of " + p.master() : "read pool, no master pool found";
            case UNKNOWN -> "no member answered";
            case SKIPPED -> "a memcached pool: no replication to verify, not checked";
        };
        out.printf("%s (%s:%d, listen %s): %s, %s/%s%s%n", c.name(), p.file(), c.line(), c.listen().raw(), what,
                c.hash().configName(), c.distribution().configName(),
                p.home() != null ? ", host " + p.home() : "");
        int nameWidth = p.members().stream().mapToInt(m -> m.server().name().length()).max().orElse(0);
        int addrWidth = p.members().stream().mapToInt(m -> Endpoint.of(m.server()).toString().length()).max().orElse(0);
        for (MemberReport m : p.members()) {
            List<Problem> problems = report.problemsOf(p.ref(), m.server().name());
            String status = problems.isEmpty() ? "ok"
                    : String.join(", ", problems.stream().map(x -> x.kind().id().toUpperCase()).distinct().toList());
            String line = String.format("    %-" + nameWidth + "s  %-" + addrWidth + "s  %s  %s", m.server().name(),
                    Endpoint.of(m.server()), describe(p, m), p.role() == PoolRole.READ || !problems.isEmpty() ? status : "");
            out.println(line.stripTrailing());
        }
        if (p.miss() != null) {
            MissEstimate e = p.miss();
            out.printf("    predicted misses: %s of %d sample keys%s%n", MissEstimate.percent(e.share()), e.samples(),
                    e.unknown() > 0 ? " (" + MissEstimate.percent((double) e.unknown() / e.samples())
                            + " more unknown: members that did not answer)" : "");
        }
    }

    private static String describe(PoolReport p, MemberReport m) {
        NodeState n = m.node();
        if (n == null) {
            return "";
        }
        if (!n.reachable()) {
            return "does not answer: " + n.error();
        }
        ReplicationInfo info = n.info();
        if (!info.isReplica()) {
            return "master, " + info.replicas().size() + " replica" + (info.replicas().size() == 1 ? "" : "s");
        }
        StringBuilder sb = new StringBuilder("replica of ").append(m.origin().root() != null ? m.origin().root()
                : info.master() + " (as configured on it)");
        if (p.master() != null) {
            sb.append(m.holds() != null ? " = " + p.master().pool() + "'s " + m.holds()
                    : ", held by no member of " + p.master().pool());
        }
        sb.append(", link ").append(Objects.requireNonNullElse(info.linkStatus(), "?"));
        Lag lag = m.lag();
        sb.append(", lag ").append(lag.seconds() < 0 ? "?" : lag.seconds() + " s").append(" / ")
                .append(lag.bytes() < 0 ? "?" : lag.bytes() + " bytes");
        return sb.toString();
    }

    private static void line(List<Problem> ps, PrintWriter out) {
        Problem first = ps.get(0);
        out.printf("%s: %s → %s%n", first.where(), first.lineText(), first.fix());
        out.println("    " + first.message());
        for (Problem p : ps.subList(1, ps.size())) {
            out.println("    also: " + p.message() + " → " + p.fix());
        }
        ps.stream().map(Problem::replacement).filter(Objects::nonNull).findFirst()
                .ifPresent(r -> out.println("    replace with: " + r));
    }
}
