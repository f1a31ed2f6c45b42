package io.jnutcracker.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

/**
 * Maps nutcracker's {@code -v 0..11} and {@code -o file} onto Logback. nutcracker's levels are
 * syslog-like: 0 EMERG .. 3 ERR, 4 WARN, 5 NOTICE (default), 6 INFO, 7 DEBUG, 8 VERB .. 11 PVERB.
 * They map to ERROR (0-3), WARN (4), INFO (5), DEBUG (6-7) and TRACE (8-11), so one step of
 * SIGTTIN from the default shows the per-connection lines (accepted/closed clients, server
 * connects), which nutcracker logs at NOTICE and INFO in its debug builds.
 */
final class LogSetup {
    static final int DEFAULT_LEVEL = 5;
    static final int MAX_LEVEL = 11;

    private static volatile int verbosity = DEFAULT_LEVEL;

    private LogSetup() {
    }

    static Level levelOf(int verbosity) {
        int v = clamp(verbosity);
        if (v <= 3) {
            return Level.ERROR;
        }
        if (v == 4) {
            return Level.WARN;
        }
        if (v == 5) {
            return Level.INFO;
        }
        return v <= 7 ? Level.DEBUG : Level.TRACE;
    }

    static int clamp(int verbosity) {
        return Math.max(0, Math.min(MAX_LEVEL, verbosity));
    }

    /** Replaces the root appender: stderr, or {@code file} opened for append as nutcracker does. */
    static void configure(int verbosity, String file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        setVerbosity(verbosity);
        context.getLogger("io.netty").setLevel(Level.WARN);
        LayoutWrappingEncoder<ILoggingEvent> encoder = encoder(context);
        OutputStreamAppender<ILoggingEvent> appender;
        if (file == null || file.equals("stderr")) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            appender = new LogFile(file);
        }
        appender.setName("main");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
    }

    /** An encoder with our line format ({@link LogLayout}), started. */
    static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context) {
        LogLayout layout = new LogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /** Whether the log goes to a file that could be opened (false: stderr, or the open failed). */
    static boolean fileOpen() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("main");
        return appender instanceof LogFile f && f.isStarted();
    }

    static int verbosity() {
        return verbosity;
    }

    /** Sets nutcracker's level (clamped to 0..11); returns the level now in force. */
    static int setVerbosity(int level) {
        int v = clamp(level);
        verbosity = v;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(levelOf(v));
        return v;
    }

    /** SIGHUP: close and reopen the log file so a rotated file is let go (logrotate). */
    static void reopen() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("main");
        if (appender instanceof LogFile f) {
            f.stop();
            f.start();
        }
    }
}
