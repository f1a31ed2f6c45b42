package io.jnutcracker.cli;

import io.jnutcracker.lab.Lab;
import io.jnutcracker.lab.LabException;
import io.jnutcracker.lab.Layout;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import sun.misc.Signal;

/**
 * {@code lab [--check-only|--once] [--as-written] | --stop | -h}: the seed write-up's deployment on
 * loopback with the write-up's check ({@link Lab}); what {@code bin/jnutcracker-lab} runs after it
 * has installed redis-server. Runs in the checkout (the current directory). Exit status: 0 every
 * checked line right, 1 some wrong, 2 could not set up.
 */
@Command(name = "lab", description = "run the seed's two data centres on loopback and check them (docs/LAB.md)")
final class LabCommand implements Callable<Integer> {
    @Option(names = {"--check-only", "--once"}, description = "set up, check, stop everything and exit")
    boolean checkOnly;

    @Option(names = "--as-written", description = "the seed's read pools and replication exactly as the write-up has them")
    boolean asWritten;

    @Option(names = "--failover", description = "the seed's deployment with three Sentinels: kill redis01's master under traffic and tell what users saw")
    boolean failover;

    @Option(names = "--stop", description = "stop the processes an earlier run left (by the pid files in lab/run/pids)")
    boolean stop;

    @Option(names = {"-h", "--help"}, description = "this help")
    boolean help;

    /** Anything else: the usage and exit 2, as the script did (picocli's own errors exit 1). */
    @Unmatched
    List<String> unknown = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String sample = System.getenv().getOrDefault("JN_LAB_SAMPLE", "1000");
        if (!unknown.isEmpty()) {
            err.print(LabUsage.text(sample));
            return die(err, "unknown argument: " + unknown.get(0));
        }
        if (help) {
            out.print(LabUsage.text(sample));
            return 0;
        }
        if (stop) {
            Lab.stopPrevious(out);
            return 0;
        }
        if (!sample.matches("[1-9][0-9]{0,6}")) {
            return die(err, "JN_LAB_SAMPLE must be a positive number (at most 7 digits)");
        }
        if (failover) {
            return failover(out, err);
        }
        String proxy = System.getenv("JN_PROXY");
        Lab.Options options = new Lab.Options(asWritten ? Layout.AS_WRITTEN : Layout.INTENDED,
                proxy == null || proxy.isBlank() ? null : proxy, Integer.parseInt(sample),
                log -> LogSetup.configure(LogSetup.verbosity(), log.toString()));
        Lab lab = new Lab(options, out, err);
        // Whatever way the JVM leaves from here (error, Ctrl-C, SIGTERM from --stop), stop what we
        // started. Until the check completes, Ctrl-C and SIGTERM keep the JVM's meaning (exit 130/143).
        Thread cleanup = new Thread(lab::close, "lab-stop");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Lab.Report report = lab.run();
            if (checkOnly) {
                return report.status();
            }
            // Ctrl-C after a completed check is the normal way out: exit with the check's status.
            CountDownLatch stopped = new CountDownLatch(1);
            Signal.handle(new Signal("INT"), s -> stopped.countDown());
            Signal.handle(new Signal("TERM"), s -> stopped.countDown());
            return lab.awaitStop(stopped, report.status());
        } catch (LabException e) {
            return die(err, e.getMessage());
        } finally {
            lab.close();
        }
    }

    /** {@code --failover} (docs/LAB.md): the Sentinel story; with {@code --once} it exits when told. */
    private int failover(PrintStream out, PrintStream err) throws Exception {
        LogSetup.configure(LogSetup.verbosity(), "lab/run/proxies.log");
        io.jnutcracker.lab.FailoverLab lab = new io.jnutcracker.lab.FailoverLab(out);
        Thread cleanup = new Thread(lab::close, "lab-stop");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            int status = lab.run();
            if (checkOnly) {
                return status;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Signal.handle(new Signal("INT"), s -> stopped.countDown());
            Signal.handle(new Signal("TERM"), s -> stopped.countDown());
            out.println("lab: up until Ctrl-C");
            stopped.await();
            return status;
        } catch (LabException e) {
            return die(err, e.getMessage());
        } finally {
            lab.close();
        }
    }

    private static int die(PrintStream err, String message) {
        err.println("lab: error: " + message);
        return Lab.EXIT_SETUP;
    }
}
