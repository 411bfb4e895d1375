package dev.atelier.history;

import dev.atelier.data.DataFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static HistoryStore open(Path dir, List<String> notices) {
        return HistoryStore.open(new DataFolder(dir), notices::add);
    }

    @Test
    void aRowComesBackWithEveryField(@TempDir Path dir) throws IOException {
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            HistoryRecord row = HistorySamples.row("a red circle", "tiny-shapes", T0, dir.resolve("images/a.png"));
            long id = store.insert(row);
            HistoryRecord back = store.get(id).orElseThrow();
            assertEquals(row.withId(id).settings(), back.settings());
            assertArrayEquals(row.thumbnail(), back.thumbnail());
            assertEquals(row.timingsJson(), back.timingsJson());
            assertEquals(HistorySchema.CURRENT, store.schemaVersion());
        }
    }

    @Test
    void aVersion1DatabaseIsMigratedAndItsRowsAreSearchable(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("images/old.png");
        Files.createDirectories(image.getParent());
        Files.write(image, new byte[]{1});
        try (Connection c = HistoryStore.connect(dir.resolve("history.db"), 1);
             PreparedStatement p = c.prepareStatement("INSERT INTO generation (created_at, model_name, model_dir, prompt,"
                     + " negative, seed, steps, guidance, scheduler, width, height, image_path, favourite)"
                     + " VALUES (?, 'old-model', '/m', 'an ancient lighthouse', NULL, 7, 20, 7.5, 'ddim', 64, 64, ?, 1)")) {
            assertEquals(1, HistorySchema.version(c));
            p.setString(1, T0.toString());
            p.setString(2, image.toString());
            p.executeUpdate();
        }
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            assertEquals(HistorySchema.CURRENT, store.schemaVersion());
            List<HistoryRecord> found = store.list(HistoryQuery.search("lighthouse", 10));
            assertEquals(1, found.size());
            HistoryRecord r = found.getFirst();
            assertEquals("old-model", r.modelName());
            assertTrue(r.favourite());
            assertEquals(HistoryStatus.OK, r.status());
            assertEquals("single", r.origin());
        }
    }

    @Test
    void searchAndFiltersSelectTheRightRows(@TempDir Path dir) throws IOException {
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            long a = store.insert(HistorySamples.row("a red circle on grey", "tiny-shapes", T0, dir.resolve("i/a.png")));
            long b = store.insert(HistorySamples.row("a blue square", "tiny-shapes-v", T0.plusSeconds(86_400), dir.resolve("i/b.png")));
            long c = store.insert(HistorySamples.row("a red triangle", "tiny-shapes-v", T0.plusSeconds(2 * 86_400), dir.resolve("i/c.png")));
            store.setFavourite(b, true);
            assertEquals(List.of(c, a), ids(store.list(HistoryQuery.search("red", 10))));
            assertEquals(List.of(c), ids(store.list(HistoryQuery.search("red", 10).withModel("tiny-shapes-v"))));
            assertEquals(List.of(b), ids(store.list(HistoryQuery.latest(10).withFavouritesOnly(true))));
            assertEquals(List.of(b), ids(store.list(HistoryQuery.latest(10).withDates(T0.plusSeconds(3600), T0.plusSeconds(2 * 86_400)))));
            assertEquals(List.of(c, b, a), ids(store.list(HistoryQuery.search("flat", 10))), "fields are searched");
            assertEquals(List.of(a), ids(store.list(HistoryQuery.search("red NOT triangle", 10))));
            assertEquals(List.of(c, a), ids(store.list(HistoryQuery.search("triangle OR circle", 10))));
            assertEquals(List.of(c, b, a), ids(store.list(HistoryQuery.search("a ", 10))), "short text: substring scan");
            assertEquals(List.of(b), ids(store.list(HistoryQuery.latest(1).withPage(1, 1))));
        }
    }

    @Test
    void aBadSearchGivesOneClearMessage(@TempDir Path dir) {
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            for (String bad : List.of("\"unterminated", "red AND", "foo:bar", "(((")) {
                HistorySearchException e = assertThrows(HistorySearchException.class,
                        () -> store.list(HistoryQuery.search(bad, 10)), bad);
                assertTrue(e.getMessage().startsWith("cannot search for '" + bad + "'"), e.getMessage());
                assertTrue(e.getMessage().contains("expected"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"));
                assertFalse(e.getMessage().contains("SQLITE_ERROR") || e.getMessage().contains("SQL error"),
                        "SQLite's complaint without the driver's prefix: " + e.getMessage());
            }
        }
    }

    @Test
    void hostileTextIsStoredAndFoundExactly(@TempDir Path dir) throws IOException {
        String big = "lighthouse ".repeat(9_100) + "end";
        List<String> hostile = List.of("it's \"quoted\" `back` ; DROP TABLE generation; --",
                "nul\u0000inside text", "emoji 🦊🌈 fox rainbow", "עברית ורוסית RTL mixed مرحبا", big);
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < hostile.size(); i++) {
                ids.add(store.insert(HistorySamples.row(hostile.get(i), "m", T0, dir.resolve("i/" + i + ".png"))));
            }
            assertTrue(big.length() > 100_000);
            for (int i = 0; i < hostile.size(); i++) {
                String text = hostile.get(i);
                assertEquals(text, store.get(ids.get(i)).orElseThrow().prompt(), "stored exactly");
                String probe = text.length() > 40 ? text.substring(text.length() - 20) : text;
                List<Long> found = ids(store.list(HistoryQuery.search(HistoryQuery.phrase(probe), 10)));
                assertEquals(List.of(ids.get(i)), found, "found: " + probe.replace("\u0000", "\\0"));
            }
            assertEquals(List.of(ids.get(2)), ids(store.list(HistoryQuery.search("🦊🌈", 10))));
        }
    }

    @Test
    void rowsWhoseImageIsGoneAreMarkedMissingNotDropped(@TempDir Path dir) throws IOException {
        Path image = dir.resolve("images/gone.png");
        long id;
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            id = store.insert(HistorySamples.row("a green star", "m", T0, image));
        }
        Files.delete(image);
        List<String> notices = new ArrayList<>();
        try (HistoryStore store = open(dir, notices)) {
            assertEquals(1, store.startupChecks().join(), "marked after open, off the caller's thread");
            assertEquals(HistoryStatus.MISSING, store.get(id).orElseThrow().status());
            assertEquals(1, store.count());
            assertEquals(List.of("1 history image is missing; kept as 'missing'"), notices);
        }
        Files.write(image, new byte[]{1});
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            store.startupChecks().join();
            assertEquals(HistoryStatus.OK, store.get(id).orElseThrow().status(), "back when the file is back");
        }
    }

    @Test
    void pendingRowsAreHiddenAndTheNextStartKeepsThoseWithAnImageAndDropsTheRest(@TempDir Path dir) throws IOException {
        Path kept = dir.resolve("images/kept.png");
        Path lost = dir.resolve("images/lost.png");
        long keptId;
        long lostId;
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            store.startupChecks().join(); // its repair ran: these rows stay pending until the next start
            keptId = store.insert(HistorySamples.row("an image in place", "m", T0, kept).withStatus(HistoryStatus.PENDING));
            lostId = store.insert(HistorySamples.row("an image never written", "m", T0, lost).withStatus(HistoryStatus.PENDING));
            Files.delete(lost);
            assertEquals(0, store.count(), "pending rows are not counted");
            assertEquals(List.of(), store.list(HistoryQuery.latest(10)), "nor listed");
        }
        List<String> notices = new ArrayList<>();
        try (HistoryStore store = open(dir, notices)) {
            assertEquals(0, store.startupChecks().join(), "a dropped pending row is not a missing image");
            assertEquals(HistoryStatus.OK, store.get(keptId).orElseThrow().status());
            assertTrue(store.get(lostId).isEmpty());
            assertEquals(List.of(keptId), ids(store.list(HistoryQuery.latest(10))));
            assertEquals(List.of(), ids(store.list(HistoryQuery.search("never written", 10))), "its search entry went too");
            assertEquals(List.of(), notices);
        }
    }

    @Test
    void markSavedInsertsTheRowAgainWhenAnotherStartDroppedItMeanwhile(@TempDir Path dir) throws IOException {
        Path image = dir.resolve("images/late.png");
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            store.startupChecks().join();
            HistoryRecord row = HistorySamples.row("written late", "m", T0, image).withStatus(HistoryStatus.PENDING);
            Files.delete(image);
            long id = store.insert(row);
            assertEquals(1, store.repairPending(), "another Atelier starting now sees no image yet");
            Files.write(image, new byte[]{1});
            long saved = store.markSaved(id, row); // the row is gone: inserted again (SQLite may reuse the id)
            assertEquals(HistoryStatus.OK, store.get(saved).orElseThrow().status());
            assertEquals("written late", store.get(saved).orElseThrow().prompt());
            assertEquals(1, store.count());
            assertEquals(saved, store.markSaved(saved, row), "marking a saved row again changes nothing");
            store.discard(saved);
            assertEquals(1, store.count(), "discard drops only pending rows");
        }
    }

    @Test
    void aDamagedDatabaseIsMovedAsideAndANewOneStarted(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("history.db"), "this is not a database at all, just text".repeat(200).getBytes());
        Files.write(dir.resolve("settings.json"), "{}".getBytes());
        List<String> notices = new ArrayList<>();
        try (HistoryStore store = open(dir, notices)) {
            assertEquals(0, store.count());
            store.insert(HistorySamples.row("after", "m", T0, dir.resolve("i/x.png")));
            assertEquals(1, store.count());
        }
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.getFirst().startsWith("history.db was damaged ("), notices.getFirst());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("history.db.damaged-")).count());
        }
        assertTrue(Files.exists(dir.resolve("settings.json")), "nothing else lost");
    }

    @Test
    void twoWritersOnOneFolderBothSucceed(@TempDir Path dir) throws Exception {
        try (HistoryStore first = open(dir, new ArrayList<>()); HistoryStore second = open(dir, new ArrayList<>())) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (HistoryStore s : List.of(first, second)) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            s.insert(HistorySamples.row("row " + i, "m", T0, null));
                            s.list(HistoryQuery.latest(5));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(200, first.count());
            assertEquals(200, second.count());
            assertEquals("ok", first.integrityCheck());
        }
    }

    @Test
    void deleteMovesTheImageToTheTrashAndMarksTheRow(@TempDir Path dir) throws IOException {
        Path image = dir.resolve("images/2026-12-01/a.png");
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            long id = store.insert(HistorySamples.row("to delete", "m", T0, image));
            assertTrue(store.delete(id));
            assertFalse(Files.exists(image));
            assertTrue(Files.exists(dir.resolve("trash").resolve(id + "-a.png")));
            assertEquals(HistoryStatus.DELETED, store.get(id).orElseThrow().status());
            assertEquals(0, store.list(HistoryQuery.latest(10)).size());
            assertEquals(1, store.list(HistoryQuery.latest(10).withDeleted(true)).size());
            assertFalse(store.delete(id), "already deleted");
        }
    }

    @Test
    void exportWritesImagesAndOneCsvAndJson(@TempDir Path dir) throws IOException {
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            long a = store.insert(HistorySamples.row("comma, \"quote\" and\nnewline", "m", T0, dir.resolve("images/a.png")));
            long b = store.insert(HistorySamples.row("gone", "m", T0, null));
            List<HistoryRecord> rows = List.of(store.get(a).orElseThrow(), store.get(b).orElseThrow());
            Path out = dir.resolve("export");
            HistoryExport.Summary s = HistoryExport.export(rows, out);
            assertEquals(1, s.images());
            assertEquals(List.of(b), s.missing());
            assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(out.resolve(a + "-a.png")));
            try (var parser = org.apache.commons.csv.CSVParser.parse(out.resolve("settings.csv"),
                    java.nio.charset.StandardCharsets.UTF_8,
                    org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().get())) {
                var records = parser.getRecords();
                assertEquals(2, records.size());
                assertEquals("comma, \"quote\" and\nnewline", records.getFirst().get("prompt"));
                assertEquals(a + "-a.png", records.getFirst().get("file"));
            }
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("settings.json").toFile());
            assertEquals(2, json.size());
            assertEquals(42, json.get(0).get("seed").asInt());
        }
    }

    private static List<Long> ids(List<HistoryRecord> rows) {
        return rows.stream().map(HistoryRecord::id).toList();
    }

    @Test
    void aVersion2DatabaseGainsTheSettingsHashAndItsIndex(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("images/v2.png");
        try (Connection c = HistoryStore.connect(dir.resolve("history.db"), 2);
             PreparedStatement p = c.prepareStatement("INSERT INTO generation (created_at, model_name, model_dir, prompt,"
                     + " seed, steps, guidance, scheduler, width, height, image_path, fingerprint)"
                     + " VALUES (?, 'm', '/m', 'a version 2 row', 1, 20, 7.5, 'ddim', 64, 64, ?, 'fp')")) {
            assertEquals(2, HistorySchema.version(c));
            p.setString(1, T0.toString());
            p.setString(2, image.toString());
            p.executeUpdate();
        }
        Files.createDirectories(image.getParent());
        Files.write(image, new byte[]{1});
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            assertEquals(3, store.schemaVersion());
            HistoryRecord old = store.list(HistoryQuery.search("version 2", 10)).getFirst();
            assertEquals("", old.settingsHash(), "rows from before have no hash");
            assertTrue(store.findBySettings("", "fp").isEmpty(), "an empty hash matches nothing");
            try (Connection c = HistoryStore.connect(dir.resolve("history.db"), 3);
                 var rs = c.createStatement().executeQuery("EXPLAIN QUERY PLAN SELECT id FROM generation"
                         + " WHERE settings_hash = 'x' AND fingerprint = 'fp' AND status = 'ok'")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(4).contains("generation_settings_hash"), rs.getString(4));
            }
        }
    }

    @Test
    void aRowIsFoundBySettingsHashOnlyWithTheSameModelAndItsFileInPlace(@TempDir Path dir) throws IOException {
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            HistoryRecord base = HistorySamples.row("a cell", "m", T0, dir.resolve("images/1.png"));
            long older = store.insert(withHash(base, "h1"));
            long newer = store.insert(withHash(HistorySamples.row("a cell", "m", T0.plusSeconds(1),
                    dir.resolve("images/2.png")), "h1"));
            store.insert(withHash(HistorySamples.row("another", "m", T0, dir.resolve("images/3.png")), "h2"));
            String fp = base.fingerprint();
            assertEquals(newer, store.findBySettings("h1", fp).orElseThrow().id(), "the newest");
            assertTrue(store.findBySettings("h1", "another model").isEmpty(), "the model files differ");
            Files.delete(dir.resolve("images/2.png"));
            assertEquals(older, store.findBySettings("h1", fp).orElseThrow().id(), "a row whose file is gone is passed over");
            assertTrue(store.delete(older));
            assertTrue(store.findBySettings("h1", fp).isEmpty(), "deleted rows do not count");
            assertTrue(store.findBySettings("h3", fp).isEmpty());
        }
    }

    @Test
    void damageTheQuickOpenMissesIsFoundAfterOpenAndMovedAsideNextTime(@TempDir Path dir) throws Exception {
        byte[] thumbnail = new byte[4096];
        new java.util.Random(7).nextBytes(thumbnail);
        try (HistoryStore store = open(dir, new ArrayList<>())) {
            for (int i = 0; i < 200; i++) {
                store.insert(HistorySamples.row("row " + i, "m", T0, dir.resolve("images/" + i + ".png"), thumbnail));
            }
        }
        Path db = dir.resolve("history.db");
        byte[] bytes = Files.readAllBytes(db);
        java.util.Arrays.fill(bytes, bytes.length / 2, bytes.length / 2 + 8192, (byte) 0x5a); // pages deep in the file
        Files.write(db, bytes);
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HistoryStore store = open(dir, notices)) {
            store.startupChecks().join();
        }
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.getFirst().startsWith("history.db failed its integrity check ("), notices.getFirst());
        List<String> next = new ArrayList<>();
        try (HistoryStore store = open(dir, next)) {
            store.startupChecks().join();
            assertEquals(0, store.count(), "a new history");
        }
        assertTrue(next.getFirst().startsWith("history.db was damaged ("), next.toString());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("history.db.damaged-")).count());
        }
    }

    private static HistoryRecord withHash(HistoryRecord r, String hash) {
        return new HistoryRecord(r.id(), r.createdAt(), r.modelName(), r.modelDir(), r.family(), r.fingerprint(), r.prompt(),
                r.negative(), r.fields(), r.seed(), r.steps(), r.guidance(), r.scheduler(), r.timestepSpacing(), r.emphasis(),
                r.width(), r.height(), r.device(), r.provider(), r.totalMillis(), r.timingsJson(), r.imageFile(), r.thumbnail(),
                r.favourite(), r.origin(), r.originGroup(), r.status(), hash);
    }
}
