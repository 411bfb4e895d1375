package dev.atelier.ui.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the log to {@code atelier.log} in the data folder. Sets {@value #PROPERTY} for a custom
 * logback.xml ({@code -Dlogback.configurationFile}) that reads it, and attaches a file appender
 * itself when the configuration has none, so the log file exists whatever the configuration says.
 * The file takes what the root level lets through (INFO in the shipped {@code cli.LogConfig}) with
 * stack traces; the terminal appender there filters to WARN and drops stack traces, so a broken
 * model's trace lands in the file only.
 */
public final class LogSetup {
    public static final String PROPERTY = "ATELIER_LOG_DIR";
    static final String APPENDER = "atelier-ui-file";

    private LogSetup() {
    }

    /**
     * Returns the log file. Safe to call more than once, from any thread (the window's start-up
     * calls it on two): the appender is attached once.
     */
    public static synchronized Path toFolder(Path logDir) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log folder " + logDir, e);
        }
        System.setProperty(PROPERTY, logDir.toAbsolutePath().toString());
        Path logFile = logDir.resolve("atelier.log");
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return logFile;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) instanceof FileAppender<ILoggingEvent> ours) {
            if (!logFile.toString().equals(ours.getFile())) { // a second window setup in one process: follow it
                ours.stop();
                ours.setFile(logFile.toString());
                ours.start();
            }
            return logFile;
        }
        for (var it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof FileAppender<ILoggingEvent> theirs && logFile.toString().equals(theirs.getFile())) {
                return logFile; // a custom configuration already writes there (it read ATELIER_LOG_DIR)
            }
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setName(APPENDER);
        file.setContext(context);
        file.setFile(logFile.toString());
        file.setEncoder(encoder);
        file.start();
        root.addAppender(file);
        return logFile;
    }
}
