package io.jnutcracker.cli;

import java.util.HashSet;
import java.util.Set;

/**
 * The start path's parser of nutcracker's flags, for the one case that matters to start-up: a
 * well-formed command line of the proxy itself. picocli builds a reflective model of every
 * command before it parses anything (annotation proxies, reflection accessors, ~200 classes): a
 * quarter of the main thread's start-up, ~60 ms of a quiet start on this 2-core machine. This
 * parser fills the same {@link ProxyCommand} fields as picocli would and knows no errors: for any
 * command line it is not sure about (a subcommand, an unknown or repeated flag, a missing value, a
 * value that starts with '-' or '@', {@code --}) it returns {@code null} and the caller hands the
 * whole line to picocli, which gives the exact messages and usage text of {@link Flags}.
 * FastFlagsTest checks that both parsers agree on the lines this one accepts.
 */
final class FastFlags {
    /** The short flags that take a value, in nutcracker's {@code short_options} "hVtdDv:o:c:s:i:a:p:m:". */
    private static final String WITH_VALUE = "vocsaipm";
    private static final String BOOLEAN = "hVtdD";

    private FastFlags() {
    }

    /** The proxy's command for {@code args}, or {@code null}: let picocli parse (and refuse) them. */
    static ProxyCommand parse(String[] args) {
        ProxyCommand c = new ProxyCommand();
        Set<String> seen = new HashSet<>(); // picocli refuses a flag given twice: so do we, through it
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                String letter = longToShort(name);
                if (letter == null || !seen.add(letter)) {
                    return null;
                }
                if (BOOLEAN.indexOf(letter.charAt(0)) >= 0 || letter.equals("watch")) {
                    if (eq >= 0 || !setBoolean(c, letter)) {
                        return null;
                    }
                    continue;
                }
                String value = eq >= 0 ? a.substring(eq + 1) : (i + 1 < args.length ? args[++i] : null);
                if (!plain(value)) {
                    return null;
                }
                setValue(c, letter, value);
            } else if (a.length() > 1 && a.charAt(0) == '-') {
                for (int j = 1; j < a.length(); j++) {
                    String letter = String.valueOf(a.charAt(j));
                    if (!seen.add(letter)) {
                        return null;
                    }
                    if (WITH_VALUE.contains(letter)) {
                        String value = j + 1 < a.length() ? a.substring(j + 1) : (i + 1 < args.length ? args[++i] : null);
                        if (!plain(value) || value.startsWith("=")) { // picocli reads -c=F as F, getopt as "=F"
                            return null;
                        }
                        setValue(c, letter, value);
                        break;
                    }
                    if (!setBoolean(c, letter)) {
                        return null;
                    }
                }
            } else {
                return null; // a subcommand, "-", or a stray word: picocli's business
            }
        }
        return c;
    }

    /**
     * A value picocli takes as it is: not empty, not an option or {@code @file} (picocli expands
     * those anywhere on the line), not a subcommand's name.
     */
    private static boolean plain(String value) {
        return value != null && !value.isEmpty() && value.charAt(0) != '-' && value.charAt(0) != '@'
                && !value.equals("route") && !value.equals("check") && !value.equals("lab");
    }

    private static String longToShort(String name) {
        return switch (name) {
            case "help" -> "h";
            case "version" -> "V";
            case "test-conf" -> "t";
            case "daemonize" -> "d";
            case "describe-stats" -> "D";
            case "verbose" -> "v";
            case "output" -> "o";
            case "conf-file" -> "c";
            case "stats-port" -> "s";
            case "stats-addr" -> "a";
            case "stats-interval" -> "i";
            case "pid-file" -> "p";
            case "mbuf-size" -> "m";
            case "prometheus-port", "prometheus-addr", "shutdown-timeout", "transport", "io-threads", "watch" -> name;
            default -> null;
        };
    }

    private static boolean setBoolean(ProxyCommand c, String letter) {
        switch (letter) {
            case "h" -> c.help = true;
            case "V" -> c.version = true;
            case "t" -> c.testConf = true;
            case "d" -> c.daemonize = true;
            case "D" -> c.describeStats = true;
            case "watch" -> c.watch = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void setValue(ProxyCommand c, String letter, String value) {
        switch (letter) {
            case "v" -> c.verbosity = value;
            case "o" -> c.output = value;
            case "c" -> c.confFile = value;
            case "s" -> c.statsPort = value;
            case "a" -> c.statsAddr = value;
            case "i" -> c.statsInterval = value;
            case "p" -> c.pidFile = value;
            case "m" -> c.mbufSize = value;
            case "prometheus-port" -> c.prometheusPort = value;
            case "prometheus-addr" -> c.prometheusAddr = value;
            case "shutdown-timeout" -> c.shutdownTimeout = value;
            case "transport" -> c.transport = value;
            case "io-threads" -> c.ioThreads = value;
            default -> throw new IllegalArgumentException(letter);
        }
    }
}
