package io.jnutcracker.cli;

import io.jnutcracker.config.ConfigException;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.topology.RedisProbe;
import io.jnutcracker.topology.ReportJson;
import io.jnutcracker.topology.ReportText;
import io.jnutcracker.topology.TopologyCheck;
import io.jnutcracker.topology.TopologyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check -c FILE [-c FILE ...] [--json] [--samples N] [--timeout MS]}: asks every server of
 * every pool for its replication and reports whether each read pool lines up with its master pool
 * ({@link TopologyCheck}). One file per proxy; several files for several data centres.
 */
@Command(name = "check",
        exitCodeOnInvalidInput = CheckCommand.EXIT_CANNOT_CHECK, exitCodeOnExecutionException = CheckCommand.EXIT_CANNOT_CHECK,
        description = {"check that each read pool lines up with its master pool: asks every server for its INFO"
                + " replication, pairs read pools with master pools, names each line to change and predicts the"
                + " share of reads that miss.",
            "Exit status: 0 all clear, 1 problems found, 2 could not check (bad flags or config)."})
final class CheckCommand implements Callable<Integer> {
    static final int EXIT_CLEAR = 0;
    static final int EXIT_PROBLEMS = 1;
    static final int EXIT_CANNOT_CHECK = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--conf-file"}, paramLabel = "FILE", required = true,
            description = "nutcracker.yml of one proxy; repeat for each data centre")
    List<Path> confFiles = new ArrayList<>();

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(names = "--samples", paramLabel = "N", description = "sample keys per miss estimate (default: ${DEFAULT-VALUE})")
    int samples = TopologyCheck.DEFAULT_SAMPLES;

    @Option(names = "--timeout", paramLabel = "MS", description = "per-server deadline in ms (default: ${DEFAULT-VALUE})")
    int timeoutMillis = RedisProbe.DEFAULT_TIMEOUT_MILLIS;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (samples < 1 || timeoutMillis < 1) {
            err.println("jnutcracker: --samples and --timeout must be positive");
            return EXIT_CANNOT_CHECK;
        }
        List<ProxyConfig> configs = new ArrayList<>();
        for (Path f : confFiles) {
            try {
                configs.add(ConfigLoader.load(f));
            } catch (ConfigException e) {
                err.println("jnutcracker: configuration file '" + f + "' syntax is invalid");
                err.println("jnutcracker: " + e.describe());
                return EXIT_CANNOT_CHECK;
            }
        }
        if (configs.stream().map(ProxyConfig::file).distinct().count() < configs.size()) {
            err.println("jnutcracker: a file is given twice");
            return EXIT_CANNOT_CHECK;
        }
        TopologyReport report;
        try (RedisProbe probe = new RedisProbe(timeoutMillis)) {
            report = new TopologyCheck(probe, samples).run(configs);
        }
        if (json) {
            ReportJson.write(report, out);
        } else {
            ReportText.print(report, out);
        }
        out.flush();
        return report.ok() ? EXIT_CLEAR : EXIT_PROBLEMS;
    }
}
