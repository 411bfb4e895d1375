package dev.atelier.history;

import dev.atelier.data.DataFolder;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second process on the same folder, then kill -9 in the middle of recording: both wrote without
 * "database is locked", the database passes integrity_check and every recorded image is there.
 */
class HistoryCrashTest {
    private static final int RECORDED_BEFORE_KILL = 25;

    @Test
    void aKilledWriterLeavesASoundDatabaseAndEveryFinishedImage(@TempDir Path dir) throws Exception {
        Path model = Fixtures.embeddedModel(EmbeddedModels.DEFAULT);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HistoryWriterChild.class.getName(), dir.toString(), model.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Long> recorded = new ArrayList<>();
        List<Long> mine = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             HistoryStore parent = HistoryStore.open(new DataFolder(dir), m -> { })) {
            String line;
            while (recorded.size() < RECORDED_BEFORE_KILL && (line = out.readLine()) != null) {
                recorded.add(Long.parseLong(line.substring("recorded ".length())));
                // this JVM is a second Atelier writing to the same folder at the same time
                mine.add(parent.insert(HistorySamples.row("parent " + recorded.size(), "m", Instant.now(),
                        dir.resolve("parent/" + recorded.size() + ".png"))));
            }
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(RECORDED_BEFORE_KILL, recorded.size(), "the child recorded rows before it was killed");
        List<String> notices = new ArrayList<>();
        try (HistoryStore store = HistoryStore.open(new DataFolder(dir), notices::add)) {
            assertEquals("ok", store.integrityCheck());
            store.startupChecks().join();
            assertEquals(List.of(), notices, "no damage, no missing image");
            assertTrue(store.count() >= 2 * RECORDED_BEFORE_KILL);
            for (long id : mine) {
                assertEquals(HistoryStatus.OK, store.get(id).orElseThrow().status());
            }
            for (long id : recorded) {
                HistoryRecord r = store.get(id).orElseThrow();
                assertEquals(HistoryStatus.OK, r.status());
                assertTrue(Files.isRegularFile(r.imageFile()), r.imageFile().toString());
            }
        }
        try (var temps = Files.walk(dir.resolve("images"))) {
            assertTrue(temps.filter(p -> p.getFileName().toString().endsWith(".tmp")).count() <= 1,
                    "at most the one image being written when killed leaves a temp file");
        }
    }
}
