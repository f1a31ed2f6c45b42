package io.jnutcracker.lab;

import io.jnutcracker.config.ServerConfig;
import io.jnutcracker.topology.Problem;
import io.jnutcracker.topology.RedisProbe;
import io.jnutcracker.topology.ReportText;
import io.jnutcracker.topology.TopologyCheck;
import io.jnutcracker.topology.TopologyReport;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code jnutcracker check} on both data centres' configs, before any proxy runs: it asks the
 * redis-servers themselves. Intended layout: it must report all clear. As written: it must report
 * problems on exactly the two mis-paired members' lines, detail01's redis02 and detail02's redis01.
 */
final class TopologyStep {
    /** The members the as-written layout mis-pairs, "dc/name". */
    static final List<String> MIS_PAIRED = List.of("detail01/redis02", "detail02/redis01");

    /**
     * @param ok whether the check said what it must for the layout
     * @param named the members its problems name, "dc/name", sorted
     */
    record Result(boolean ok, List<String> named) {
    }

    private TopologyStep() {
    }

    static Result run(Deployment d, PrintStream out) {
        out.println();
        out.println("== jnutcracker check -c " + d.files().get(DataCentre.DETAIL01) + " -c " + d.files().get(DataCentre.DETAIL02));
        TopologyReport report;
        try (RedisProbe probe = new RedisProbe(RedisProbe.DEFAULT_TIMEOUT_MILLIS)) {
            report = new TopologyCheck(probe, TopologyCheck.DEFAULT_SAMPLES)
                    .run(DataCentre.ALL.stream().map(d.configs()::get).toList());
        }
        PrintWriter w = new PrintWriter(out, true);
        ReportText.print(report, w);
        w.flush();
        int rc = report.ok() ? 0 : 1;
        Map<Path, DataCentre> byFile = DataCentre.ALL.stream().collect(Collectors.toMap(dc -> d.files().get(dc), dc -> dc));
        List<String> named = report.problems().stream().filter(p -> p.member() != null && byFile.containsKey(p.file()))
                .map(p -> byFile.get(p.file()).name() + "/" + p.member()).distinct().sorted().toList();
        if (d.layout() == Layout.INTENDED) {
            out.println(rc == 0 ? "verdict: jnutcracker check: all clear, as it must be for the intended layout"
                    : "verdict: jnutcracker check exited " + rc + " on the intended layout: WRONG");
            return new Result(rc == 0, named);
        }
        // The lines the check must name: the mis-paired members' lines in the generated configs.
        TreeSet<String> expected = new TreeSet<>();
        for (String m : MIS_PAIRED) {
            DataCentre dc = DataCentre.ALL.stream().filter(c -> m.startsWith(c.name() + "/")).findFirst().orElseThrow();
            ServerConfig member = d.members(dc, DataCentre.READ_POOL).stream()
                    .filter(s -> s.name().equals(m.substring(m.indexOf('/') + 1))).findFirst().orElseThrow();
            expected.add(d.files().get(dc) + ":" + member.line());
        }
        TreeSet<String> got = report.problems().stream().filter(p -> byFile.containsKey(p.file())).map(Problem::where)
                .collect(Collectors.toCollection(TreeSet::new));
        String want = String.join(" ", expected);
        if (rc == 1 && got.equals(expected)) {
            out.println("verdict: jnutcracker check: found the problems, on exactly the mis-paired members' lines (" + want + ")");
            return new Result(true, named);
        }
        out.println("verdict: jnutcracker check exited " + rc + " and named lines: "
                + (got.isEmpty() ? "none" : String.join(" ", got)) + "; expected exit 1 and " + want + ": WRONG");
        return new Result(false, named);
    }
}
