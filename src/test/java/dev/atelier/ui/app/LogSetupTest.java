package dev.atelier.ui.app;

import dev.atelier.data.DataFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs against the shipped configuration, cli.LogConfig (the tests have no logback-test.xml). */
class LogSetupTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogSetupTest.class);

    @Test
    void warningsGoToTheDataFoldersLogFile(@TempDir Path dir) throws IOException {
        Path file = LogSetup.toFolder(dir.resolve("logs"));
        assertEquals(dir.resolve("logs").toAbsolutePath().toString(), System.getProperty(LogSetup.PROPERTY));
        LOG.warn("a warning for the log file {}", 42);
        assertTrue(Files.readString(file).contains("a warning for the log file 42"));
    }

    @Test
    void aSecondSetupFollowsTheNewFolder(@TempDir Path dir) throws IOException {
        LogSetup.toFolder(dir.resolve("first"));
        Path second = LogSetup.toFolder(dir.resolve("second"));
        LOG.error("after moving");
        assertTrue(Files.readString(second).contains("after moving"));
    }

    @Test
    void infoLinesReachTheFileButNotTheTerminal(@TempDir Path dir) throws IOException {
        Path file = LogSetup.toFolder(dir.resolve("logs"));
        String terminal = capturingStderr(() -> LOG.info("Run cancelled after {} steps", 7));
        assertTrue(Files.readString(file).contains("INFO"), "file: " + Files.readString(file));
        assertTrue(Files.readString(file).contains("Run cancelled after 7 steps"));
        assertFalse(terminal.contains("Run cancelled"), "terminal: " + terminal);
    }

    @Test
    void aBrokenModelsStackTraceReachesTheFileOnly(@TempDir Path dir) throws IOException {
        Path file = LogSetup.toFolder(dir.resolve("logs"));
        IllegalStateException broken = new IllegalStateException("unet/model.onnx: not an ONNX file");
        // what ModelResourceLoader logs for a folder that cannot be opened
        String terminal = capturingStderr(() -> LOG.warn("Model folder {} is not usable", "/models/broken", broken));

        assertEquals("WARN LogSetupTest: Model folder /models/broken is not usable", terminal.strip());
        String logged = Files.readString(file);
        assertTrue(logged.contains("java.lang.IllegalStateException: unet/model.onnx: not an ONNX file"), logged);
        assertTrue(logged.contains("\tat dev.atelier.ui.app.LogSetupTest."), logged);
    }

    /** What the console appender writes while {@code body} runs (it writes to the current System.err). */
    private static String capturingStderr(Runnable body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
