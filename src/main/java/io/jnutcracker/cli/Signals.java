package io.jnutcracker.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Signal handling (nutcracker {@code nc_signal.c}), better where nutcracker is unsound: SIGTERM and
 * SIGINT stop the proxy cleanly with exit status 0 (nutcracker dies on SIGTERM and exits 1 on
 * SIGINT); SIGHUP reopens the log file, which Debian's logrotate relies on, and (beyond
 * nutcracker, which cannot reload) reloads the configuration.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void install(Runnable stop, Runnable hangup) {
        Signal.handle(new Signal("TERM"), s -> {
            LOG.info("signal 15 (SIGTERM) received, exiting");
            stop.run();
        });
        Signal.handle(new Signal("INT"), s -> {
            LOG.info("signal 2 (SIGINT) received, exiting");
            stop.run();
        });
        Signal.handle(new Signal("HUP"), s -> {
            LOG.info("signal 1 (SIGHUP) received, reopening log file and reloading configuration");
            hangup.run();
        });
    }
}
