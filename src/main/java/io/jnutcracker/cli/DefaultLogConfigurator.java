package io.jnutcracker.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration until the CLI applies {@code -v}/{@code -o} ({@link LogSetup}): stderr,
 * INFO, {@code io.netty} at WARN, found through META-INF/services, so Logback never starts its XML
 * configurator. That one (a logback.xml) cost a third of the start-up: an XML parser, Joran's
 * model and ~600 classes, ~100 ms of CPU on this machine, for three lines of configuration.
 * {@code -Dlogback.configurationFile=FILE} still configures Logback from FILE, as Logback documents.
 */
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LayoutWrappingEncoder<ILoggingEvent> encoder = LogSetup.encoder(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName("main");
        console.setTarget("System.err");
        console.setContext(context);
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
