package io.jnutcracker.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.recovery.ResilientFileOutputStream;
import ch.qos.logback.core.util.FileUtil;
import java.io.File;
import java.io.IOException;

/**
 * The log file of {@code -o}: what Logback's FileAppender did for {@link LogSetup} (the file opened
 * for append, missing parent directories made, an 8 KB buffer, Logback's ResilientFileOutputStream
 * that reopens the file after a write error), without FileAppender's status messages on start.
 * Those are string concatenations that Logback compiles to invokedynamic, the first of the
 * process: ~8 LambdaForm classes spun on the start path, 5-10 ms on this machine
 * (bench/RESULTS.md, "Start-up"). {@code stop()} then {@code start()} reopens the file (SIGHUP,
 * logrotate).
 */
final class LogFile extends OutputStreamAppender<ILoggingEvent> {
    /** FileAppender's default buffer, bytes. */
    private static final long BUFFER_BYTES = 8192;

    private final String path;

    LogFile(String path) {
        this.path = path;
    }

    @Override
    public void start() {
        File file = new File(path);
        if (!FileUtil.createMissingParentDirectories(file)) {
            addError("Failed to create the parent directories of the log file");
        }
        try {
            ResilientFileOutputStream out = new ResilientFileOutputStream(file, true, BUFFER_BYTES);
            out.setContext(getContext());
            setOutputStream(out);
        } catch (IOException e) {
            addError("Failed to open the log file", e);
            return;
        }
        super.start();
    }
}
