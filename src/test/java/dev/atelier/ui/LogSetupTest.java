package dev.atelier.ui;

import dev.atelier.data.DataFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSetupTest {

    @Test
    void warningsGoToTheDataFoldersLogFile(@TempDir Path dir) throws IOException {
        Path file = LogSetup.toFolder(dir.resolve("logs"));
        assertEquals(dir.resolve("logs").toAbsolutePath().toString(), System.getProperty(LogSetup.PROPERTY));
        LoggerFactory.getLogger(LogSetupTest.class).warn("a warning for the log file {}", 42);
        assertTrue(Files.readString(file).contains("a warning for the log file 42"));
    }

    @Test
    void aSecondSetupFollowsTheNewFolder(@TempDir Path dir) throws IOException {
        LogSetup.toFolder(dir.resolve("first"));
        Path second = LogSetup.toFolder(dir.resolve("second"));
        LoggerFactory.getLogger(LogSetupTest.class).error("after moving");
        assertTrue(Files.readString(second).contains("after moving"));
    }
}
