package io.jnutcracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * {@link LogProvider} binds SLF4J to a Logback context configured as Logback's own provider
 * configures it through its discovery ({@link DefaultLogConfigurator} found as a service): same
 * context name, levels, appender, target and layout, started, with the provider's MDC.
 */
class LogProviderTest {
    @Test
    void configuresTheContextAsLogbacksOwnProviderDoes() {
        LoggerContext ours = initialized(new LogProvider());
        LoggerContext logbacks = initialized(new LogbackServiceProvider());
        for (LoggerContext c : new LoggerContext[] {ours, logbacks}) {
            assertThat(c.getName()).isEqualTo("default");
            assertThat(c.isStarted()).isTrue();
            assertThat(c.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
            assertThat(c.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
            assertThat(c.getLogger("io.jnutcracker").getEffectiveLevel()).isEqualTo(Level.INFO);
            var appender = c.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("main");
            assertThat(appender).isInstanceOf(ConsoleAppender.class);
            assertThat(appender.isStarted()).isTrue();
            assertThat(((ConsoleAppender<?>) appender).getTarget()).isEqualTo("System.err");
            var encoder = ((ConsoleAppender<?>) appender).getEncoder();
            assertThat(encoder).isInstanceOf(LayoutWrappingEncoder.class);
            assertThat(((LayoutWrappingEncoder<?>) encoder).getLayout()).isInstanceOf(LogLayout.class);
        }
        assertThat(ours.getMDCAdapter()).isNotNull();
    }

    @Test
    void handsSlf4jItsContextMdcAndMarkers() {
        LogProvider provider = new LogProvider();
        LoggerContext context = initialized(provider);
        assertThat(provider.getMDCAdapter()).isSameAs(context.getMDCAdapter());
        assertThat(provider.getMarkerFactory().getMarker("m").getName()).isEqualTo("m");
        assertThat(provider.getRequestedApiVersion()).isEqualTo(new LogbackServiceProvider().getRequestedApiVersion());
    }

    private static LoggerContext initialized(SLF4JServiceProvider provider) {
        provider.initialize();
        return (LoggerContext) provider.getLoggerFactory();
    }
}
