package io.jnutcracker.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Signal handling (nutcracker {@code nc_signal.c}), with nutcracker's log lines:
 * <ul>
 *   <li>SIGHUP reopens the log file (Debian's logrotate relies on it) and, beyond nutcracker (which
 *       cannot reload), reloads the configuration;
 *   <li>SIGTTIN / SIGTTOU raise / lower the log level by one (0..11);
 *   <li>SIGUSR1 / SIGUSR2 are logged and otherwise ignored (nutcracker #467: a deliberate no-op);
 *   <li>SIGTERM and SIGINT stop the proxy gracefully, exit status 0. nutcracker dies on SIGTERM
 *       (status 143) and exits 1 on SIGINT, leaving its pid file.
 * </ul>
 * HotSpot on Linux lets an application handle all of these (checked by {@code SignalsTest});
 * it keeps SIGQUIT (thread dump) and the fault signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL) for itself,
 * and refuses them all when the JVM runs with {@code -Xrs}, so {@code bin/jnutcracker} never sets it.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** A signal nutcracker handles, with its number and the log text after {@code signal N (SIGX) received}. */
    record Handled(String name, int number, String action) {
    }

    /** What {@link #install} handles, in nutcracker's {@code signals[]} order. */
    static final List<Handled> HANDLED = List.of(
            new Handled("USR1", 10, ""),
            new Handled("USR2", 12, ""),
            new Handled("TTIN", 21, ", up logging level"),
            new Handled("TTOU", 22, ", down logging level"),
            new Handled("HUP", 1, ", reopening log file and reloading configuration"),
            new Handled("INT", 2, ", exiting"),
            new Handled("TERM", 15, ", exiting"));

    /**
     * Installs the handlers; returns the names of signals the JVM refused (none on HotSpot/Linux).
     * Handlers run on a thread of their own, never on an event loop.
     */
    static List<String> install(Runnable stop, Runnable hangup) {
        List<String> refused = new ArrayList<>();
        for (Handled h : HANDLED) {
            try {
                Signal.handle(new Signal(h.name()), s -> handle(h, stop, hangup));
            } catch (IllegalArgumentException e) {
                refused.add("SIG" + h.name());
            }
        }
        return refused;
    }

    private static void handle(Handled h, Runnable stop, Runnable hangup) {
        LOG.warn("signal {} (SIG{}) received{}", h.number(), h.name(), h.action());
        switch (h.name()) {
            case "HUP" -> hangup.run();
            case "TTIN" -> LOG.warn("up log level to {}", LogSetup.setVerbosity(LogSetup.verbosity() + 1));
            case "TTOU" -> LOG.warn("down log level to {}", LogSetup.setVerbosity(LogSetup.verbosity() - 1));
            case "INT", "TERM" -> stop.run();
            default -> {
                // SIGUSR1, SIGUSR2: logged only
            }
        }
    }
}
