package io.jnutcracker.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusListenerConfigHelper;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.Util;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's binding to Logback for {@code bin/jnutcracker}, chosen by {@code -Dslf4j.provider} (set
 * by {@link io.jnutcracker.Main}): the same {@link LoggerContext} that Logback's own
 * {@code LogbackServiceProvider} makes, configured directly by {@link DefaultLogConfigurator}, so
 * the log lines are the same. Logback's route there ({@code ContextInitializer}: version checks
 * through regular expressions and {@code String.format}, a service lookup of configurators, status
 * messages) plus SLF4J's service lookup of providers took ~55-65 ms of a ~380 ms start on this
 * machine (async-profiler); this takes a few. With {@code -Dlogback.configurationFile} Logback's
 * route runs as usual. Without the property (tests, embedding) SLF4J finds Logback's provider.
 */
public final class LogProvider implements SLF4JServiceProvider {
    /** The SLF4J API version Logback 1.5's provider declares (LogbackServiceProvider). */
    private static final String API_VERSION = "2.0.99";

    private final LoggerContext context = new LoggerContext();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

    @Override
    public void initialize() {
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        context.setMDCAdapter(mdc);
        StatusListenerConfigHelper.installIfAsked(context);
        try {
            if (System.getProperty("logback.configurationFile") != null) {
                new ContextInitializer(context).autoConfig();
            } else {
                DefaultLogConfigurator configurator = new DefaultLogConfigurator();
                configurator.setContext(context);
                configurator.configure(context);
            }
        } catch (JoranException e) {
            Util.report("Failed to auto configure default logger context", e);
        }
        // As Logback's provider: warnings and errors (a configuration file that does not parse) are
        // printed, unless a status listener takes them; StatusPrinter only loads when there are some.
        if (!StatusUtil.contextHasStatusListener(context) && new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
            StatusPrinter.printInCaseOfErrorsOrWarnings(context);
        }
        context.start();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return API_VERSION;
    }
}
