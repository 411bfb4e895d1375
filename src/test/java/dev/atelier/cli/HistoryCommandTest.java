package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.onnx.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generate --batch through the queue into the history of --data-dir, then the history commands on it. */
class HistoryCommandTest {
    @Test
    void aBatchIsRecordedAndListedSearchedShownAndExported(@TempDir Path temp) throws Exception {
        String data = temp.resolve("data").toString();
        Path out = temp.resolve("cat.png");
        CliRun gen = CliRun.of("--data-dir", data, "generate", "--model", Fixtures.fixture(Fixtures.SD15).toString(),
                "--prompt", "a tabby cat", "--steps", "2", "--width", "64", "--height", "64", "--seed", "5",
                "--batch", "3", "--out", out.toString());
        assertEquals(0, gen.exitCode(), gen.err());
        for (int k = 1; k <= 3; k++) {
            assertTrue(Files.isRegularFile(temp.resolve("cat-" + k + ".png")), gen.out());
        }
        assertTrue(gen.out().contains("seed 7"), gen.out());

        CliRun list = CliRun.of("history", "list", "--json", "--data-dir", data);
        assertEquals(0, list.exitCode(), list.err());
        JsonNode rows = new ObjectMapper().readTree(list.out());
        assertEquals(3, rows.size());
        assertEquals(7, rows.get(0).get("seed").asLong(), "newest first");
        assertEquals("batch 3/3", rows.get(0).get("origin").asText());
        assertTrue(Files.isRegularFile(Path.of(rows.get(0).get("image").asText())));
        assertTrue(rows.get(0).get("image").asText().contains("/images/"));

        CliRun search = CliRun.of("--data-dir", data, "history", "search", "tabby");
        assertEquals(0, search.exitCode(), search.err());
        assertEquals(3, search.out().lines().count(), search.out());
        CliRun none = CliRun.of("--data-dir", data, "history", "search", "zebra");
        assertEquals("", none.out());

        long id = rows.get(1).get("id").asLong();
        CliRun show = CliRun.of("--data-dir", data, "history", "show", Long.toString(id));
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("seed:") && show.out().contains("6"), show.out());

        Path export = temp.resolve("export");
        CliRun ex = CliRun.of("--data-dir", data, "history", "export", "--out", export.toString(), "--search", "cat");
        assertEquals(0, ex.exitCode(), ex.err());
        assertTrue(ex.out().startsWith("exported 3 images"), ex.out());
        assertTrue(Files.isRegularFile(export.resolve("settings.csv")));
        assertTrue(Files.isRegularFile(export.resolve("settings.json")));

        // `history export --out DIR [IDs|--search TEXT]`: neither exports the whole history
        CliRun all = CliRun.of("--data-dir", data, "history", "export", "--out", temp.resolve("all").toString());
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().startsWith("exported 3 images"), all.out());
        CliRun both = CliRun.of("--data-dir", data, "history", "export", "--out", temp.resolve("both").toString(),
                "--search", "cat", Long.toString(id));
        assertEquals(2, both.exitCode());
        assertEquals(1, both.errLines(), both.err());
        assertTrue(both.err().contains("not both"), both.err());
    }

    @Test
    void noHistoryRecordsNothingAndBadInputIsOneLine(@TempDir Path temp) {
        String data = temp.resolve("data").toString();
        CliRun gen = CliRun.of("--data-dir", data, "generate", "--model", Fixtures.fixture(Fixtures.SD15).toString(),
                "--prompt", "x", "--steps", "1", "--width", "64", "--height", "64", "--no-history",
                "--out", temp.resolve("x.png").toString());
        assertEquals(0, gen.exitCode(), gen.err());
        assertFalse(Files.exists(temp.resolve("data/images")));

        CliRun badSearch = CliRun.of("--data-dir", data, "history", "search", "\"unterminated");
        assertEquals(2, badSearch.exitCode());
        assertEquals(1, badSearch.errLines(), badSearch.err());
        assertTrue(badSearch.err().startsWith("atelier history search: cannot search for"), badSearch.err());

        CliRun unknown = CliRun.of("--data-dir", data, "history", "show", "999");
        assertEquals(2, unknown.exitCode());
        assertEquals("atelier history show: no history entry with id 999", unknown.err().strip());

        CliRun badBatch = CliRun.of("--data-dir", data, "generate", "--prompt", "x", "--batch", "0",
                "--out", temp.resolve("y.png").toString());
        assertEquals(2, badBatch.exitCode());
        assertEquals(1, badBatch.errLines(), badBatch.err());
    }
}
