package dev.atelier.preset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetLibraryTest {
    @TempDir
    Path dir;

    private static Preset preset(String name, String folder, List<String> tags) {
        return new Preset(name, new PresetPrompt("a lighthouse", "", "watercolor", "", "", "blurry"), null, JoinRule.A1111,
                tags, "note " + name, new byte[]{1, 2, 3}, false, folder);
    }

    @Test
    void savesSearchesAndSurvivesReopening() throws IOException {
        try (PresetLibrary library = new PresetLibrary(dir)) {
            library.save(preset("Coast", "landscapes/sea", List.of("sea")));
            library.save(preset("Forest", "landscapes", List.of("trees")));
            library.save(Preset.style("Film", "film photo of {prompt}", "", JoinRule.A1111));
            library.setFavourite("Film", true);
        }
        assertTrue(Files.isRegularFile(dir.resolve(PresetLibrary.FILE_NAME)));
        try (PresetLibrary library = new PresetLibrary(dir)) {
            assertEquals(List.of("Coast", "Film", "Forest"), names(library.all()));
            assertEquals(preset("Coast", "landscapes/sea", List.of("sea")), library.find("Coast").orElseThrow().preset());
            assertEquals(List.of("Film"), names(library.search("FILM PHOTO", null, null, false)));
            assertEquals(List.of("Coast"), names(library.search(null, "sea", null, false)));
            assertEquals(List.of("Coast", "Forest"), names(library.search(null, null, "landscapes", false)));
            assertEquals(List.of("Film"), names(library.search("", null, null, true)));
            assertEquals(List.of("sea", "trees"), library.tags());
            assertEquals(List.of("landscapes", "landscapes/sea"), library.folders());
        }
    }

    @Test
    void deleteIsUndoable() throws IOException {
        try (PresetLibrary library = new PresetLibrary(dir)) {
            library.save(preset("Coast", "", List.of()));
            long id = library.delete("Coast");
            assertEquals(List.of(), library.all());
            library.save(preset("Coast", "other", List.of()));
            LibraryEntry back = library.restore(id);
            assertEquals("Coast (2)", back.preset().name(), "the name was taken meanwhile");
            assertEquals(2, library.all().size());
            assertEquals("Coast (copy)", library.duplicate("Coast").preset().name());
            assertEquals("Sea", library.rename("Coast (copy)", "Sea").preset().name());
        }
    }

    @Test
    void importFollowsConflictPolicyAndIsAllOrNothing() throws IOException {
        try (PresetLibrary library = new PresetLibrary(dir)) {
            library.save(preset("Coast", "", List.of()));
            List<Preset> incoming = List.of(Preset.style("Coast", "new coast", "", JoinRule.A1111),
                    Preset.style("Film", "film", "", JoinRule.A1111));
            assertEquals(new ImportReport(1, 0, 1, List.of()), library.importAll(incoming, OnConflict.SKIP));
            assertEquals("", library.find("Coast").orElseThrow().preset().prompt().freeText());
            assertEquals(new ImportReport(0, 2, 0, List.of()), library.importAll(incoming, OnConflict.REPLACE));
            assertEquals("new coast", library.find("Coast").orElseThrow().preset().prompt().freeText());
            ImportReport renamed = library.importAll(incoming, OnConflict.RENAME);
            assertEquals(List.of("Coast → Coast (2)", "Film → Film (2)"), renamed.renamed());
            List<LibraryEntry> before = library.all();
            assertThrows(PresetFormatException.class, () -> library.importAll(List.of(Preset.style("New", "x", "", JoinRule.A1111),
                    Preset.style("New", "y", "", JoinRule.A1111)), OnConflict.SKIP));
            assertEquals(before, library.all(), "library unchanged after a failed import");
        }
    }

    @Test
    void schemaVersionIsRecordedAndNewerFilesAreRefused() throws IOException, SQLException {
        new PresetLibrary(dir).close();
        String url = "jdbc:sqlite:" + dir.resolve(PresetLibrary.FILE_NAME);
        try (var db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                assertEquals(PresetLibrary.SCHEMA_VERSION, r.getInt(1));
            }
            try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", r.getString(1));
            }
            s.execute("PRAGMA user_version = 99");
        }
        IOException e = assertThrows(IOException.class, () -> new PresetLibrary(dir));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    private static List<String> names(List<LibraryEntry> entries) {
        return entries.stream().map(e -> e.preset().name()).toList();
    }
}
