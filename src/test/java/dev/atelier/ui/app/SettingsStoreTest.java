package dev.atelier.ui.app;

import dev.atelier.ui.composer.PromptFields;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SettingsStoreTest {

    @Test
    void roundTripsEverySetting(@TempDir Path dir) throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("sub/settings.json"), new ObjectMapper());
        Settings s = new Settings("/models/a", List.of("/x/y"), "euler-a", 30, 6.5, 1234, true, 256, 384, "CUDA",
                new PromptFields("a star", "centered", "flat", "soft light", "extra", "blurry", null), 1300, 850, 40.0, -20.0);
        store.save(s);
        assertEquals(s, store.load());
        try (Stream<Path> files = Files.list(dir.resolve("sub"))) {
            assertEquals(List.of("settings.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "the temp file of the atomic write is gone");
        }
    }

    @Test
    void missingOrCorruptFileGivesDefaults(@TempDir Path dir) throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), new ObjectMapper());
        assertEquals(Settings.defaults(), store.load());
        Files.writeString(dir.resolve("settings.json"), "{\"steps\": ");
        assertEquals(Settings.defaults(), store.load());
    }

    @Test
    void unknownKeysAreIgnoredAndMissingOnesDefault(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("settings.json"), "{\"steps\": 12, \"fromTheFuture\": true}");
        Settings s = new SettingsStore(dir.resolve("settings.json"), new ObjectMapper()).load();
        assertEquals(12, s.steps());
        assertEquals("CPU", s.device());
        assertEquals(PromptFields.empty(), s.prompt());
    }
}
