package io.jnutcracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** {@link LogLayout} writes what the pattern it replaced wrote, stack traces included. */
class LogLayoutTest {
    private static final String PATTERN = "[%d{yyyy-MM-dd HH:mm:ss.SSS}] %logger{0} %msg%n";

    @Test
    void sameLinesAsThePattern() {
        LoggerContext context = new LoggerContext();
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern(PATTERN);
        pattern.start();
        LogLayout ours = new LogLayout();
        ours.setContext(context);
        ours.start();
        var logger = context.getLogger("io.jnutcracker.cli.ProxyCommand");
        for (long t : new long[] {0L, 1_700_000_000_007L, 1_700_000_000_999L, 1_700_000_001_050L, 253_402_300_799_999L}) {
            for (Throwable thrown : new Throwable[] {null, new IllegalStateException("boom", new RuntimeException("cause"))}) {
                LoggingEvent e = new LoggingEvent("x", logger, Level.INFO, "pool {} on '{}'", thrown, new Object[] {"alpha", 1});
                e.setTimeStamp(t);
                assertThat(ours.doLayout(e)).isEqualTo(pattern.doLayout(e));
            }
        }
        LoggingEvent root = new LoggingEvent("x", context.getLogger("ROOT"), Level.WARN, "plain", null, null);
        assertThat(ours.doLayout(root)).isEqualTo(pattern.doLayout(root));
    }
}
