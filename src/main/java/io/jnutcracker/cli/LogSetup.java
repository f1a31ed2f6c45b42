package io.jnutcracker.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

/**
 * Maps nutcracker's {@code -v 0..11} and {@code -o file} onto Logback. nutcracker's levels are
 * syslog-like (0 EMERG .. 3 ERR, 4 WARN, 5 NOTICE (default), 6 INFO, 7 DEBUG, 8+ more verbose);
 * NOTICE and INFO both map to INFO, so the default shows start, stop, ejection and bind lines.
 */
final class LogSetup {
    static final int DEFAULT_LEVEL = 5;
    private static final String PATTERN = "[%d{yyyy-MM-dd HH:mm:ss.SSS}] %logger{0} %msg%n";

    private LogSetup() {
    }

    static Level levelOf(int verbosity) {
        int v = Math.max(0, Math.min(11, verbosity));
        if (v <= 3) {
            return Level.ERROR;
        }
        if (v == 4) {
            return Level.WARN;
        }
        if (v <= 6) {
            return Level.INFO;
        }
        return v <= 8 ? Level.DEBUG : Level.TRACE;
    }

    /** Replaces the root appender: stderr, or {@code file} opened for append as nutcracker does. */
    static void configure(int verbosity, String file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(levelOf(verbosity));
        context.getLogger("io.netty").setLevel(Level.WARN);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (file == null || file.equals("stderr")) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
            fileAppender.setFile(file);
            fileAppender.setAppend(true);
            appender = fileAppender;
        }
        appender.setName("main");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
    }

    /** SIGHUP: close and reopen the log file so a rotated file is let go (logrotate). */
    static void reopen() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("main");
        if (appender instanceof FileAppender<?> f) {
            f.stop();
            f.start();
        }
    }
}
