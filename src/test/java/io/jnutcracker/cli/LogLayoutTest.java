package io.jnutcracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * {@link LogLayout} writes what the pattern it replaced wrote, stack traces included, in the local
 * time of zones with daylight saving (northern and southern, a 30-minute shift, Dublin's negative
 * one), odd offsets and historic local mean time, around their transitions.
 */
class LogLayoutTest {
    private static final String PATTERN = "[%d{yyyy-MM-dd HH:mm:ss.SSS}] %logger{0} %msg%n";
    private static final String[] ZONES = {"Etc/UTC", "America/New_York", "Europe/Dublin", "Australia/Lord_Howe",
        "Asia/Kathmandu", "Africa/Monrovia", "Pacific/Chatham", "America/St_Johns"};
    /** ms since the epoch: 1970, 2023 (several), 9999-12-30, 1900, 1960, and hours around 2024's transitions. */
    private static final long[] TIMES = {0L, 1_700_000_000_007L, 1_700_000_000_999L, 1_700_000_001_050L,
        253_402_128_000_999L, -2_208_988_800_000L, -315_619_200_001L};

    @Test
    void sameLinesAsThePattern() {
        TimeZone saved = TimeZone.getDefault();
        try {
            for (String id : ZONES) {
                TimeZone.setDefault(TimeZone.getTimeZone(id));
                sameLinesInTheDefaultZone(id);
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    private static void sameLinesInTheDefaultZone(String zone) {
        LoggerContext context = new LoggerContext();
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern(PATTERN);
        pattern.start();
        LogLayout ours = new LogLayout();
        ours.setContext(context);
        ours.start();
        var logger = context.getLogger("io.jnutcracker.cli.ProxyCommand");
        for (long t : TIMES) {
            for (Throwable thrown : new Throwable[] {null, new IllegalStateException("boom", new RuntimeException("cause"))}) {
                LoggingEvent e = new LoggingEvent("x", logger, Level.INFO, "pool {} on '{}'", thrown, new Object[] {"alpha", 1});
                e.setTimeStamp(t);
                assertThat(ours.doLayout(e)).as(zone).isEqualTo(pattern.doLayout(e));
            }
        }
        // Every 20 minutes of 2024: each daylight-saving change of these zones, both ways.
        long start = 1_704_067_200_000L;
        for (long t = start; t < start + 366L * 86_400_000L; t += 1_200_000L) {
            LoggingEvent e = new LoggingEvent("x", logger, Level.INFO, "tick", null, null);
            e.setTimeStamp(t + 59_999L);
            assertThat(ours.doLayout(e)).as(zone).isEqualTo(pattern.doLayout(e));
        }
        LoggingEvent root = new LoggingEvent("x", context.getLogger("ROOT"), Level.WARN, "plain", null, null);
        assertThat(ours.doLayout(root)).isEqualTo(pattern.doLayout(root));
    }
}
