package io.jnutcracker.cli;

import io.jnutcracker.Nutcracker;
import io.jnutcracker.Version;
import io.jnutcracker.config.ConfigException;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.route.Clock;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The proxy itself, with nutcracker 0.5.0's flags ({@code nc.c} {@code long_options}), so an operator
 * swaps the binary and nothing else. Defaults are nutcracker's.
 */
@Command(name = "jnutcracker", sortOptions = false,
        exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 1, // nutcracker exits 1 on a bad option
       
        subcommands = {RouteCommand.class, CheckCommand.class},
        description = "A drop-in replacement for twemproxy (nutcracker " + Version.NUTCRACKER + "), the Redis sharding proxy.")
public final class ProxyCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCommand.class);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "show version and exit")
    boolean version;

    @Option(names = {"-t", "--test-conf"}, description = "test configuration for syntax errors and exit")
    boolean testConf;

    @Option(names = {"-d", "--daemonize"}, description = "run as a daemon (handled by bin/jnutcracker)")
    boolean daemonize;

    @Option(names = {"-D", "--describe-stats"}, description = "print stats description and exit")
    boolean describeStats;

    @Option(names = {"-v", "--verbose"}, paramLabel = "N", description = "set logging level (default: 5, min: 0, max: 11)")
    int verbosity = LogSetup.DEFAULT_LEVEL;

    @Option(names = {"-o", "--output"}, paramLabel = "S", description = "set logging file (default: stderr)")
    String output;

    @Option(names = {"-c", "--conf-file"}, paramLabel = "S", description = "set configuration file (default: conf/nutcracker.yml)")
    Path confFile = Path.of("conf/nutcracker.yml");

    @Option(names = {"-s", "--stats-port"}, paramLabel = "N", description = "set stats monitoring port (default: 22222)")
    int statsPort = 22222;

    @Option(names = {"-a", "--stats-addr"}, paramLabel = "S", description = "set stats monitoring ip (default: 0.0.0.0)")
    String statsAddr = "0.0.0.0";

    @Option(names = {"-i", "--stats-interval"}, paramLabel = "N", description = "set stats aggregation interval in msec (default: 30000 msec)")
    int statsInterval = 30000;

    @Option(names = {"-p", "--pid-file"}, paramLabel = "S", description = "set pid file (default: off)")
    Path pidFile;

    @Option(names = {"-m", "--mbuf-size"}, paramLabel = "N", description = "set size of mbuf chunk in bytes (default: 16384 bytes); accepted for compatibility, Netty sizes its own buffers")
    int mbufSize = 16384;

    @Option(names = "--watch", description = "reload the configuration when the file changes (jnutcracker extension; SIGHUP also reloads)")
    boolean watch;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (describeStats) {
            err.println(versionLine());
            return 0;
        }
        ProxyConfig config;
        try {
            config = ConfigLoader.load(confFile);
        } catch (ConfigException e) {
            err.println("jnutcracker: configuration file '" + confFile + "' syntax is invalid");
            err.println("jnutcracker: " + e.describe());
            return 1;
        }
        if (testConf) {
            err.println("jnutcracker: configuration file '" + confFile + "' syntax is ok");
            return 0;
        }
        LogSetup.configure(verbosity, output);
        return run(config);
    }

    private int run(ProxyConfig config) throws Exception {
        LOG.info("{} started on pid {}, config '{}'", versionLine(), ProcessHandle.current().pid(), confFile);
        PidFile pid = pidFile == null ? null : PidFile.write(pidFile);
        CountDownLatch stop = new CountDownLatch(1);
        try (Nutcracker proxy = Nutcracker.start(config, Clock.SYSTEM, Nutcracker.defaultWorkers());
             ConfigWatcher watcher = watch ? new ConfigWatcher(confFile, () -> reload(proxy)) : null) {
            Signals.install(stop::countDown, () -> {
                LogSetup.reopen();
                reload(proxy);
            });
            stop.await();
            LOG.info("stopping: closing listeners");
        } catch (java.io.IOException e) {
            LOG.error("{}", e.getMessage());
            return 1;
        } finally {
            if (pid != null) {
                pid.remove();
            }
        }
        LOG.info("done, rabbit done");
        return 0;
    }

    /** Reads and validates the file again and applies it; an invalid file changes nothing. */
    private synchronized void reload(Nutcracker proxy) {
        try {
            proxy.reload(ConfigLoader.load(confFile));
        } catch (ConfigException e) {
            proxy.reloadFailed(e.describe());
        }
    }

    public static String versionLine() {
        return "This is jnutcracker-" + Version.JNUTCRACKER + " (nutcracker-" + Version.NUTCRACKER + " compatible)";
    }
}
