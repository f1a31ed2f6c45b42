package io.jnutcracker.cli;

import io.jnutcracker.Nutcracker;
import io.jnutcracker.Version;
import io.jnutcracker.backend.Transport;
import io.jnutcracker.config.ConfigException;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.util.Clock;
import io.jnutcracker.stats.Metric;
import io.jnutcracker.stats.PoolStats;
import io.jnutcracker.stats.StatsService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The proxy itself, with nutcracker 0.5.0's flags ({@code nc.c} {@code long_options}), so an operator
 * swaps the binary and nothing else: same letters, long forms, bundling ({@code -tc FILE},
 * {@code -v6}), defaults (upstream's) and error messages ({@link Flags}). {@code -h}, {@code -V},
 * {@code -D} and errors print to stderr, as nutcracker does. Flags of our own are long-only.
 */
@Command(name = "jnutcracker", sortOptions = false, subcommands = {RouteCommand.class, CheckCommand.class, LabCommand.class})
public final class ProxyCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCommand.class);
    /** Set by {@code bin/jnutcracker -d}: stderr is the launcher's pipe until we report that we run. */
    static final String DAEMON_ENV = "JN_DAEMON_NOTIFY";
    /** The line that tells {@code bin/jnutcracker -d} the daemon is up (it prints it and returns 0). */
    static final String DAEMON_READY = "jnutcracker: daemon started on pid ";

    @Option(names = {"-h", "--help"}, description = "this help")
    boolean help;

    @Option(names = {"-V", "--version"}, description = "show version and exit")
    boolean version;

    @Option(names = {"-t", "--test-conf"}, description = "test configuration for syntax errors and exit")
    boolean testConf;

    @Option(names = {"-d", "--daemonize"}, description = "run as a daemon (the launcher detaches the JVM; a failed start exits 1)")
    boolean daemonize;

    @Option(names = {"-D", "--describe-stats"}, description = "print stats description and exit")
    boolean describeStats;

    @Option(names = {"-v", "--verbose"}, paramLabel = "N",
            description = "set logging level (default: 5, min: 0, max: 11): 0-3 errors, 4 warnings, 5 info, 6-7 debug, 8-11 trace")
    String verbosity;

    @Option(names = {"-o", "--output"}, paramLabel = "S",
            description = "set logging file, opened for append; SIGHUP reopens it (default: stderr)")
    String output;

    @Option(names = {"-c", "--conf-file"}, paramLabel = "S",
            description = "set configuration file (default: " + Flags.DEFAULT_CONF + ")")
    String confFile;

    @Option(names = {"-s", "--stats-port"}, paramLabel = "N",
            description = "set stats monitoring port (default: 22222)")
    String statsPort;

    @Option(names = {"-a", "--stats-addr"}, paramLabel = "S",
            description = "set stats monitoring ip (default: 127.0.0.1; nutcracker's is 0.0.0.0)")
    String statsAddr;

    @Option(names = {"-i", "--stats-interval"}, paramLabel = "N",
            description = "set stats aggregation interval in msec (default: 30000 msec)")
    String statsInterval;

    @Option(names = {"-p", "--pid-file"}, paramLabel = "S",
            description = "set pid file, written at start and removed at exit (default: off)")
    String pidFile;

    @Option(names = {"-m", "--mbuf-size"}, paramLabel = "N",
            description = "set size of mbuf chunk in bytes (default: 16384 bytes; the usual largest socket read, 16 x N inside a large value)")
    String mbufSize;

    @Option(names = "--prometheus-port", paramLabel = "N",
            description = "serve Prometheus metrics over HTTP on this port, at /metrics (default: off)")
    String prometheusPort;

    @Option(names = "--prometheus-addr", paramLabel = "S",
            description = "address of the Prometheus endpoint (default: 127.0.0.1)")
    String prometheusAddr;

    @Option(names = "--shutdown-timeout", paramLabel = "N",
            description = "on SIGTERM/SIGINT, wait this long in msec for requests in flight (default: 3000 msec)")
    String shutdownTimeout;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "I/O event loops (default: half the cores, at least 1)")
    String ioThreads;

    @Option(names = "--transport", paramLabel = "S",
            description = "event loops: epoll, io_uring or nio (default: epoll where available, else nio)")
    String transport;

    /**
     * Runs {@code args} as {@link io.jnutcracker.Main} does: a well-formed proxy command line is
     * parsed by {@link FastFlags} without building picocli's model (~60 ms of a quiet start);
     * anything else (subcommands, errors) goes through {@link #commandLine()}, with the same result.
     */
    public static int execute(String[] args) {
        ProxyCommand fast = FastFlags.parse(args);
        if (fast == null) {
            return commandLine().execute(args);
        }
        try {
            return fast.call();
        } catch (Exception e) {
            return failed(e);
        }
    }

    /** The command line with nutcracker's parse errors and exit codes. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ProxyCommand());
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> failed(e));
        cli.setParameterExceptionHandler(Flags::onParseError);
        cli.getSubcommands().values().forEach(sub -> sub.setParameterExceptionHandler(Flags::onParseError));
        return cli;
    }

    /** An exception out of {@link #call()}: on stderr and in the log, exit status 1. */
    private static int failed(Exception e) {
        System.err.println("jnutcracker: " + e);
        LOG.error("failed", e);
        return 1;
    }

    @Option(names = "--watch", description = "reload the configuration when the file changes (jnutcracker extension; SIGHUP also reloads)")
    boolean watch;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (help) {
            err.print(versionBlock() + Flags.usage());
            return 0;
        }
        if (version) {
            err.print(versionBlock());
            return 0;
        }
        Flags flags;
        try {
            flags = Flags.of(this);
        } catch (Flags.BadFlag e) {
            err.println("jnutcracker: " + e.getMessage());
            err.print(Flags.usage());
            return 1;
        }
        if (describeStats) {
            err.print(versionBlock() + Metric.describe());
            return 0;
        }
        ProxyConfig config;
        try {
            config = ConfigLoader.load(flags.confFile());
        } catch (ConfigException e) {
            err.println("jnutcracker: configuration file '" + flags.confFile() + "' syntax is invalid");
            err.println("jnutcracker: " + e.describe());
            return 1;
        }
        if (testConf) {
            err.println("jnutcracker: configuration file '" + flags.confFile() + "' syntax is ok");
            return 0;
        }
        LogSetup.configure(flags.verbosity(), flags.output());
        if (flags.output() != null && !LogSetup.fileOpen()) {
            err.println("jnutcracker: opening log file '" + flags.output() + "' failed");
            return 1;
        }
        return run(config, flags);
    }

    private int run(ProxyConfig config, Flags flags) throws InterruptedException {
        boolean detached = daemonize && System.getenv(DAEMON_ENV) != null;
        if (daemonize && !detached) {
            LOG.warn("-d: the JVM cannot fork; run through bin/jnutcracker to detach. Staying in the foreground");
        }
        LOG.info("{} started on pid {}, config '{}'", versionLine(), ProcessHandle.current().pid(), flags.confFile());
        LOG.info("run, rabbit run / dig that hole, forget the sun / and when at last the work is done"
                + " / don't sit down / it's time to dig another one");
        String unavailable = Flags.unavailable(flags.transport(), flags.transport().unavailabilityCause());
        if (unavailable != null) {
            return startupFailed(unavailable);
        }
        PidFile pid = null;
        if (flags.pidFile() != null) {
            try {
                pid = PidFile.write(flags.pidFile());
            } catch (IOException e) {
                return startupFailed("opening pid file '" + flags.pidFile() + "' failed: " + e.getMessage());
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        Nutcracker proxy = null;
        StatsService stats = null;
        ConfigWatcher watcher = null;
        // The handlers go in before the proxy listens: a client can be served as soon as it does,
        // and a SIGHUP or SIGTERM from then on (logrotate, a quick restart) must find them, not the
        // JVM's default (exit). A SIGTERM before the start completes stops the proxy right after it;
        // a SIGHUP before then reopens the log and has no configuration to reload.
        AtomicReference<Nutcracker> running = new AtomicReference<>();
        List<String> refused = Signals.install(stop::countDown, () -> {
            LogSetup.reopen();
            Nutcracker started = running.get();
            if (started != null) {
                reload(started, flags);
            }
        });
        if (!refused.isEmpty()) {
            LOG.warn("the JVM keeps {} for itself: not handled", refused);
        }
        try {
            proxy = Nutcracker.start(config, Clock.SYSTEM, flags.ioThreads(), flags.mbufSize(),
                    flags.transport());
            running.set(proxy);
            stats = StatsService.start(proxy::poolStats, proxy::processStats, new StatsService.Options(flags.statsAddr(),
                    flags.statsPort(), flags.statsInterval(), flags.prometheusAddr(), flags.prometheusPort()));
            LOG.info("stats on '{}:{}' every {} msec", flags.statsAddr(), stats.port(), flags.statsInterval());
            Nutcracker started = proxy;
            watcher = watch ? new ConfigWatcher(flags.confFile(), () -> reload(started, flags)) : null;
            if (detached) {
                detach(flags);
            }
            stop.await();
            proxy.stop(flags.shutdownTimeoutMillis());
        } catch (IOException e) {
            return startupFailed(e.getMessage());
        } finally {
            if (watcher != null) {
                watcher.close();
            }
            if (stats != null) {
                stats.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            if (pid != null) {
                pid.remove();
            }
        }
        LOG.info("done, rabbit done");
        return 0;
    }

    /**
     * Reads and validates the file again and applies it. A reload that fails for any reason (an
     * invalid file, one over {@code ConfigLimits}, or anything thrown on the way) changes nothing: the
     * running configuration keeps serving and the reload counts as failed. It never throws, as it runs
     * on a signal handler's or the watcher's thread. The limits are what keep a runaway file from
     * exhausting the heap: with {@code -XX:+ExitOnOutOfMemoryError} (bin/jnutcracker) an
     * OutOfMemoryError ends the process before any catch.
     */
    private synchronized void reload(Nutcracker proxy, Flags flags) {
        ProxyConfig next;
        try {
            next = ConfigLoader.load(flags.confFile());
        } catch (ConfigException e) {
            proxy.reloadFailed(e.describe());
            return;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            LOG.error("reading '{}' for a reload failed", flags.confFile(), e);
            proxy.reloadFailed(flags.confFile() + ": cannot be read: " + e);
            return;
        }
        try {
            proxy.reload(next);
        } catch (RuntimeException e) {
            LOG.error("applying '{}' failed", flags.confFile(), e);
            proxy.reloadFailed(flags.confFile() + ": cannot be applied: " + e);
        }
    }

    /** Tells {@code bin/jnutcracker} we run, then leaves its pipe: nothing more goes to stderr or stdout. */
    private static void detach(Flags flags) {
        System.err.println(DAEMON_READY + ProcessHandle.current().pid());
        System.err.flush();
        if (flags.output() == null) {
            LogSetup.configure(LogSetup.verbosity(), "/dev/null"); // nutcracker -d without -o: /dev/null
        }
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setErr(nowhere);
        System.setOut(nowhere);
    }

    /** A start-up failure: in the log with nutcracker's wording, and on stderr when the log is a file. */
    private static int startupFailed(String message) {
        LOG.error("{}", message);
        LOG.info("done, rabbit done");
        if (LogSetup.fileOpen()) {
            System.err.println("jnutcracker: " + message);
        }
        return 1;
    }

    /** {@code -V}: nutcracker's three lines (name and version, event backend, a blank line). */
    static String versionBlock() {
        return versionLine() + "\nasync event backend: " + Transport.best().flagName() + "\n\n";
    }

    public static String versionLine() {
        return "This is jnutcracker-" + Version.JNUTCRACKER + " (nutcracker-" + Version.NUTCRACKER + " compatible)";
    }
}
