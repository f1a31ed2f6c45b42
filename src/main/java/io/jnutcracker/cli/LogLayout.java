package io.jnutcracker.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * Our log line, {@code [yyyy-MM-dd HH:mm:ss.SSS] SimpleLoggerName message}, local time as
 * nutcracker's, and a throwable's stack trace after it. It is what the pattern
 * {@code [%d{yyyy-MM-dd HH:mm:ss.SSS}] %logger{0} %msg%n} printed, written out by hand: Logback's
 * PatternLayout parses the pattern into converters and formats %d with a java.time
 * DateTimeFormatter, ~200 classes and ~15% of the main thread's start-up on this machine, for one
 * fixed format. The "yyyy-MM-dd HH:mm:ss" part is cached for the current second (an event's
 * timestamp is in ms). The local offset comes from {@link TimeZone}, the zone the JVM has already
 * loaded for its default, with the same tzdb data and offsets as {@code ZoneId.systemDefault()}'s
 * rules that %d used: java.time's provider parses the whole tzdb again for those, ~5-10 ms of the
 * start on this machine.
 */
final class LogLayout extends LayoutBase<ILoggingEvent> {
    private final TimeZone zone = TimeZone.getDefault();
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix = "";
    /** Logback's own %ex, the one PatternLayout adds; made on the first throwable logged. */
    private ThrowableProxyConverter stackTraces;

    @Override
    public String doLayout(ILoggingEvent event) {
        long millis = event.getTimeStamp();
        StringBuilder b = new StringBuilder(128);
        b.append('[').append(secondPrefix(Math.floorDiv(millis, 1000L))).append('.');
        int ms = (int) Math.floorMod(millis, 1000L);
        b.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10)).append("] ");
        String logger = event.getLoggerName();
        b.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(' ').append(event.getFormattedMessage())
                .append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            b.append(stackTraces().convert(event));
        }
        return b.toString();
    }

    private synchronized ThrowableProxyConverter stackTraces() {
        if (stackTraces == null) {
            ThrowableProxyConverter c = new ThrowableProxyConverter();
            c.setContext(getContext());
            c.start();
            stackTraces = c;
        }
        return stackTraces;
    }

    /** "yyyy-MM-dd HH:mm:ss" of the epoch second, local time; appenders call the layout under their lock. */
    private synchronized String secondPrefix(long second) {
        if (second != cachedSecond) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(zone.getOffset(second * 1000L) / 1000);
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, offset);
            StringBuilder b = new StringBuilder(19);
            pad(b, t.getYear(), 4).append('-');
            pad(b, t.getMonthValue(), 2).append('-');
            pad(b, t.getDayOfMonth(), 2).append(' ');
            pad(b, t.getHour(), 2).append(':');
            pad(b, t.getMinute(), 2).append(':');
            pad(b, t.getSecond(), 2);
            cachedPrefix = b.toString();
            cachedSecond = second;
        }
        return cachedPrefix;
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
