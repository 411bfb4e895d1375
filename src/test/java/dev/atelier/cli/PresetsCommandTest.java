package dev.atelier.cli;

import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetsCommandTest {
    @TempDir
    Path temp;

    private Path resource(String name) throws IOException {
        try (InputStream in = PresetsCommandTest.class.getResourceAsStream(name)) {
            return Files.write(temp.resolve(Path.of(name).getFileName()), in.readAllBytes());
        }
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = temp.resolve("data").toString();
        return CliRun.of(all);
    }

    @Test
    void importListExportRoundTrip() throws IOException {
        Path styles = resource("/preset/styles.csv");
        CliRun imported = run("presets", "import", styles.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("3 added"), imported.out());
        CliRun list = run("presets", "list");
        assertTrue(list.out().contains("Film") && list.out().contains("桜 style") && list.out().contains("3 presets"), list.out());
        CliRun json = run("presets", "list", "--json");
        assertTrue(json.out().contains("\"format\" : \"atelier-presets\"") && json.out().contains("\"created\""), json.out());

        Path out = temp.resolve("exported.csv");
        assertEquals(0, run("presets", "export", "--format", "a1111", "--out", out.toString()).exitCode());
        CliRun again = run("presets", "import", out.toString(), "--on-conflict", "rename");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("Film → Film (2)"), again.out());
        CliRun skipped = run("presets", "import", styles.toString()); // the default skips names the library has
        assertEquals(0, skipped.exitCode(), skipped.err());
        assertTrue(skipped.out().contains("3 skipped (names already in the library); --on-conflict replace or rename takes them"),
                skipped.out());
        Path second = Files.writeString(temp.resolve("styles-extra.csv"), "name,prompt\nFilm,newer film\nExtra,x\n");
        CliRun two = run("presets", "import", styles.toString(), second.toString(), "--on-conflict", "replace");
        assertEquals(0, two.exitCode(), two.err());
        assertTrue(two.out().contains("imported 4 presets"), two.out());
        assertTrue(run("presets", "list", "--json").out().contains("newer film"));
        Path swarm = temp.resolve("swarm.json");
        assertEquals(0, run("presets", "export", "--format", "swarmui", "--out", swarm.toString(), "--preset", "桜 style").exitCode());
        assertTrue(Files.readString(swarm).contains("{value}"));
    }

    @Test
    void badFileImportsNothingAndSaysWhy() throws IOException {
        Path bad = Files.writeString(temp.resolve("bad.csv"), "name,prompt\nA,ok\nB,\"never closed\n");
        CliRun run = run("presets", "import", bad.toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines(), run.err());
        assertTrue(run.err().contains("row 3") && run.err().contains("never closed"), run.err());
        assertTrue(run("presets", "list").out().contains("0 presets"));
        CliRun format = run("presets", "export", "--format", "comfy", "--out", temp.resolve("x").toString());
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("a1111"), format.err());
        CliRun conflict = run("presets", "import", resource("/preset/styles.csv").toString(), "--on-conflict", "merge");
        assertEquals(2, conflict.exitCode());
        assertTrue(conflict.err().contains("skip, replace, rename"), conflict.err());
    }

    @Test
    void inspectShowsToolPromptAndUnsupportedSettings() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/metadata/a1111-parameters.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        Path png = temp.resolve("a.png");
        PngFiles.write(new PixelImage(8, 8, new byte[192]), Map.of("parameters", text), png);
        CliRun run = CliRun.of("inspect", png.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("tool: a1111") && run.out().contains("prompt: a lighthouse on a cliff"), run.out());
        assertTrue(run.out().contains("not in Atelier: LoRA = film-grain:0.6"), run.out());
        assertTrue(run.out().contains("provenance label: no"), run.out());
        CliRun json = CliRun.of("inspect", png.toString(), "--json");
        assertTrue(json.out().contains("\"scheduler\" : \"dpmpp-2m-karras\""), json.out());
        CliRun missing = CliRun.of("inspect", temp.resolve("nope.png").toString());
        assertEquals(2, missing.exitCode());
    }
}
