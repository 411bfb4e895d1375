package dev.atelier.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * Atelier's logging, set up in code (found by Logback through META-INF/services): parsing a
 * logback.xml doubled Logback's share of the start-up time. The terminal (stderr;
 * stdout stays for command output) gets warnings and errors, one line each, never a stack trace
 * ({@code %nopex}); the window's log file, attached by {@code ui.app.LogSetup}, gets everything from
 * INFO up with stack traces. {@code -Dlogback.configurationFile=FILE} replaces all of this
 * (docs/samples/logback.xml is the same configuration as XML, a starting point).
 */
public final class LogConfig extends ContextAwareBase implements Configurator {
    static final String TERMINAL_PATTERN = "%level %logger{0}: %msg%n%nopex";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // Logback's own configurator reads that file
        }
        context.getStatusManager().add(new NopStatusListener());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TERMINAL_PATTERN);
        encoder.start();
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setContext(context);
        warnings.setLevel(Level.WARN.levelStr);
        warnings.start();
        ConsoleAppender<ILoggingEvent> terminal = new ConsoleAppender<>();
        terminal.setContext(context);
        terminal.setName("STDERR");
        terminal.setTarget("System.err");
        terminal.setEncoder(encoder);
        terminal.addFilter(warnings);
        terminal.start();
        // DJL probes CUDA and EC2 metadata on start-up and warns on every CPU-only machine
        context.getLogger("ai.djl").setLevel(Level.ERROR);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(terminal);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
