package io.jnutcracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogFile}: appends, makes missing directories, reopens after a rotation, refuses a directory. */
class LogFileTest {
    private final LoggerContext context = new LoggerContext();

    LogFileTest() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // as LogProvider sets it
    }

    @Test
    void appendsToAnExistingFileInMissingDirectoriesAndReopensAfterARename(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("a/b/jn.log");
        LogFile file = started(log);
        file.doAppend(event("first"));
        file.stop();
        file.start();
        file.doAppend(event("second"));
        assertThat(Files.readAllLines(log)).hasSize(2).allMatch(l -> l.endsWith("ProxyCommand first") || l.endsWith("ProxyCommand second"));
        Files.move(log, dir.resolve("a/b/jn.log.1")); // logrotate
        file.doAppend(event("to the renamed file"));
        file.stop();
        file.start();
        file.doAppend(event("third"));
        file.stop();
        assertThat(Files.readAllLines(log)).hasSize(1).allMatch(l -> l.endsWith("ProxyCommand third"));
        assertThat(Files.readAllLines(dir.resolve("a/b/jn.log.1"))).hasSize(3);
    }

    @Test
    void doesNotStartOnADirectory(@TempDir Path dir) {
        LogFile file = new LogFile(dir.toString());
        file.setContext(context);
        file.setEncoder(LogSetup.encoder(context));
        file.start();
        assertThat(file.isStarted()).isFalse();
    }

    private LogFile started(Path path) {
        LogFile file = new LogFile(path.toString());
        file.setContext(context);
        file.setEncoder(LogSetup.encoder(context));
        file.start();
        assertThat(file.isStarted()).isTrue();
        return file;
    }

    private LoggingEvent event(String message) {
        return new LoggingEvent("x", context.getLogger("io.jnutcracker.cli.ProxyCommand"), Level.INFO, message, null, null);
    }
}
