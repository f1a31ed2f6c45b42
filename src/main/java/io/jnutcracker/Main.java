package io.jnutcracker;

import io.jnutcracker.cli.ProxyCommand;

/** Entry point of {@code bin/jnutcracker}: parses nutcracker's flags and runs the proxy or a subcommand. */
public final class Main {
    /** SLF4J 2's system property naming its provider class: no service lookup. */
    private static final String SLF4J_PROVIDER = "slf4j.provider";
    /** SLF4J's own messages below WARN: it announces an explicit provider at INFO on stderr. */
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private Main() {
    }

    public static void main(String[] args) {
        bindLogging();
        System.exit(ProxyCommand.execute(args));
    }

    /**
     * Called before any logger exists (ProxyCommand's class initialiser makes one): Logback bound
     * and configured by cli.LogProvider, ~50 ms sooner than through SLF4J's and Logback's
     * discovery. An operator's -Dslf4j.provider (JN_JAVA_OPTS) wins.
     */
    static void bindLogging() {
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, "io.jnutcracker.cli.LogProvider");
            if (System.getProperty(SLF4J_VERBOSITY) == null) {
                System.setProperty(SLF4J_VERBOSITY, "WARN");
            }
        }
    }
}
