package io.jnutcracker.cli;

import io.jnutcracker.backend.Transport;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The values of nutcracker's flags, checked as {@code nc_get_options} checks them and refused with
 * its messages ({@code option -s requires a number}, {@code option -s value 70000 is not a valid
 * port}, ...), plus the usage text in nutcracker's layout. Defaults are upstream nutcracker's
 * (Debian's build compiles in /etc and /var paths instead; see README).
 *
 * @param verbosity {@code -v}, clamped to 0..11 as nutcracker's {@code log_init} does
 * @param output {@code -o}; {@code null} is stderr
 * @param confFile {@code -c}
 * @param statsPort {@code -s}
 * @param statsAddr {@code -a}
 * @param statsInterval {@code -i} in ms
 * @param pidFile {@code -p}; {@code null} is none
 * @param mbufSize {@code -m}: the largest socket read, in bytes (nutcracker's mbuf size); large values
 *     arrive as a chain of reads this size, never one contiguous buffer
 * @param prometheusPort {@code --prometheus-port}; -1 (default) is no endpoint
 * @param prometheusAddr {@code --prometheus-addr}, default 127.0.0.1
 * @param shutdownTimeoutMillis {@code --shutdown-timeout}: how long SIGTERM waits for requests in flight
 * @param transport {@code --transport}; default {@link Transport#best()}. Whether it can run here is
 *     checked at start-up, not here, so {@code -t} on another machine's command line still works
 * @param ioThreads {@code --io-threads}: I/O event loops; default {@link io.jnutcracker.Nutcracker#defaultWorkers()}
 */
record Flags(int verbosity, String output, Path confFile, int statsPort, String statsAddr, int statsInterval,
             Path pidFile, int mbufSize, int prometheusPort, String prometheusAddr, long shutdownTimeoutMillis,
             Transport transport, int ioThreads) {

    static final String DEFAULT_CONF = "conf/nutcracker.yml";
    static final int DEFAULT_STATS_PORT = 22222;
    /** Loopback, not nutcracker's 0.0.0.0: stats should not face the network unless asked (issue 9). */
    static final String DEFAULT_STATS_ADDR = "127.0.0.1";
    static final int DEFAULT_STATS_INTERVAL = 30_000;
    static final int DEFAULT_MBUF_SIZE = io.jnutcracker.backend.Workers.DEFAULT_MBUF_SIZE;
    static final int MBUF_MIN = 512;
    static final int MBUF_MAX = 16_777_216;
    static final String DEFAULT_PROMETHEUS_ADDR = "127.0.0.1";
    static final int DEFAULT_SHUTDOWN_TIMEOUT = 3000;
    static final int MAX_IO_THREADS = 1024;

    /** A flag nutcracker would refuse; the message is nutcracker's (without the program name). */
    static final class BadFlag extends Exception {
        BadFlag(String message) {
            super(message);
        }
    }

    static Flags of(ProxyCommand c) throws BadFlag {
        int verbosity = c.verbosity == null ? LogSetup.DEFAULT_LEVEL : LogSetup.clamp(number("v", c.verbosity));
        int statsPort = c.statsPort == null ? DEFAULT_STATS_PORT : port("s", c.statsPort);
        int interval = c.statsInterval == null ? DEFAULT_STATS_INTERVAL : number("i", c.statsInterval);
        int mbuf = DEFAULT_MBUF_SIZE;
        if (c.mbufSize != null) {
            mbuf = parse(c.mbufSize);
            if (mbuf <= 0) {
                throw new BadFlag("option -m requires a non-zero number");
            }
            if (mbuf < MBUF_MIN || mbuf > MBUF_MAX) {
                throw new BadFlag("mbuf chunk size must be between " + MBUF_MIN + " and " + MBUF_MAX + " bytes");
            }
        }
        int prometheusPort = c.prometheusPort == null ? -1 : port("-prometheus-port", c.prometheusPort);
        long shutdown = c.shutdownTimeout == null ? DEFAULT_SHUTDOWN_TIMEOUT
                : number("-shutdown-timeout", c.shutdownTimeout);
        int ioThreads = io.jnutcracker.Nutcracker.defaultWorkers();
        if (c.ioThreads != null) {
            ioThreads = number("-io-threads", c.ioThreads);
            if (ioThreads < 1 || ioThreads > MAX_IO_THREADS) {
                throw new BadFlag("option --io-threads value " + c.ioThreads + " is not between 1 and " + MAX_IO_THREADS);
            }
        }
        Transport transport = Transport.best();
        if (c.transport != null) {
            transport = Transport.named(c.transport);
            if (transport == null) {
                throw new BadFlag("option --transport value " + c.transport + " is not one of epoll, io_uring, nio");
            }
        }
        return new Flags(verbosity, c.output, Path.of(c.confFile == null ? DEFAULT_CONF : c.confFile), statsPort,
                c.statsAddr == null ? DEFAULT_STATS_ADDR : c.statsAddr, interval,
                c.pidFile == null ? null : Path.of(c.pidFile), mbuf, prometheusPort,
                c.prometheusAddr == null ? DEFAULT_PROMETHEUS_ADDR : c.prometheusAddr, shutdown, transport, ioThreads);
    }

    /**
     * The start-up error for a transport that cannot run here, with Netty's reason (e.g. the kernel
     * refuses io_uring, or its native library did not load); null when {@code cause} is null.
     */
    static String unavailable(Transport transport, Throwable cause) {
        return cause == null ? null
                : "transport '" + transport.flagName() + "' (--transport) is not available here: " + cause;
    }

    /** {@code nc_atoi}: digits only, no sign, no blanks; -1 when it is not a number (large ones saturate). */
    static int parse(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = Math.min(Integer.MAX_VALUE, n * 10 + (c - '0'));
        }
        return (int) n;
    }

    private static int number(String letter, String value) throws BadFlag {
        int n = parse(value);
        if (n < 0) {
            throw new BadFlag("option -" + letter + " requires a number");
        }
        return n;
    }

    private static int port(String letter, String value) throws BadFlag {
        int n = number(letter, value);
        if (n < 1 || n > 65535) {
            throw new BadFlag("option -" + letter + " value " + value + " is not a valid port");
        }
        return n;
    }

    /** What nutcracker says when an option is given without its argument, by letter. */
    private static final Map<String, String> ARGUMENT_KIND = Map.of(
            "-v", "a number", "-s", "a number", "-i", "a number", "-m", "a non-zero number",
            "-c", "a file name", "-o", "a file name", "-p", "a file name", "-a", "a string",
            "--transport", "one of epoll, io_uring, nio", "--io-threads", "a number");

    /** picocli's parse errors in nutcracker's words, then the usage text; exit status 1. */
    static int onParseError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec arg = missing.getMissing().get(0);
            if (arg instanceof OptionSpec option) {
                String letter = option.shortestName();
                message = "option " + letter + " requires " + ARGUMENT_KIND.getOrDefault(letter, "an argument");
            }
        } else if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (arg.startsWith("--")) {
                message = "unrecognized option '" + arg + "'";
            } else if (arg.startsWith("-") && arg.length() > 1) {
                message = "invalid option -- '" + arg.charAt(1) + "'";
            } else {
                message = "invalid argument '" + arg + "'";
            }
        }
        System.err.println("jnutcracker: " + message);
        if (cmd.getCommandSpec().userObject() instanceof ProxyCommand) {
            System.err.print(usage());
        } else {
            cmd.usage(System.err);
        }
        return 1;
    }

    /** nutcracker's {@code nc_show_usage}, with our defaults and our own flags after nutcracker's. */
    static String usage() {
        return """
                Usage: jnutcracker [-?hVdDt] [-v verbosity level] [-o output file]
                                   [-c conf file] [-s stats port] [-a stats addr]
                                   [-i stats interval] [-p pid file] [-m mbuf size]
                                   [--prometheus-port port] [--prometheus-addr addr]
                                   [--shutdown-timeout msec] [--transport name]
                                   [--io-threads N]
                       jnutcracker route -c conf file [--pool name] key...

                Options:
                  -h, --help             : this help
                  -V, --version          : show version and exit
                  -t, --test-conf        : test configuration for syntax errors and exit
                  -d, --daemonize        : run as a daemon (needs bin/jnutcracker, which detaches the JVM)
                  -D, --describe-stats   : print stats description and exit
                  -v, --verbose=N        : set logging level (default: 5, min: 0, max: 11)
                  -o, --output=S         : set logging file (default: stderr)
                  -c, --conf-file=S      : set configuration file (default: conf/nutcracker.yml)
                  -s, --stats-port=N     : set stats monitoring port (default: 22222)
                  -a, --stats-addr=S     : set stats monitoring ip (default: 127.0.0.1)
                  -i, --stats-interval=N : set stats aggregation interval in msec (default: 30000 msec)
                  -p, --pid-file=S       : set pid file (default: off)
                  -m, --mbuf-size=N      : set size of mbuf chunk in bytes (default: 16384 bytes; read size, see the man page)
                      --prometheus-port=N: serve Prometheus metrics over HTTP on this port (default: off)
                      --prometheus-addr=S: address of the Prometheus endpoint (default: 127.0.0.1)
                      --shutdown-timeout=N: on SIGTERM/SIGINT, wait this long in msec for requests
                                           in flight (default: 3000 msec)
                      --transport=S      : event loops: epoll, io_uring or nio (default: epoll where
                                           available, else nio)
                      --io-threads=N     : I/O event loops (default: half the cores, at least 1)

                """;
    }
}
