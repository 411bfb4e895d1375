package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.image.PngFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ablate} on the embedded model. */
class AblateCommandTest {
    @TempDir
    Path dir;

    @Test
    void leavingOutTheStyleChangesTheImageAndEmptyFieldsAreNotRun() throws Exception {
        Path out = dir.resolve("ablation");
        CliRun run = CliRun.of("ablate", "--data-dir", dir.resolve("data").toString(), "--subject", "a red circle",
                "--style", "watercolor", "--lighting", "  ", "--size", "32x32", "--steps", "2", "--seed", "7",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("3 images"), run.out());
        assertTrue(Files.isRegularFile(out.resolve("full.png")));
        assertTrue(Files.isRegularFile(out.resolve("without-style.png")));
        assertTrue(Files.isRegularFile(out.resolve("without-subject.png")));
        assertFalse(Files.exists(out.resolve("without-lighting.png")), "an empty field is not run");
        JsonNode numbers = new ObjectMapper().readTree(out.resolve("ablation.json").toFile());
        List<String> fields = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        numbers.get("fields").forEach(f -> {
            fields.add(f.get("field").asText());
            values.add(f.get("meanAbsoluteDifference").asDouble());
        });
        assertEquals(2, fields.size());
        assertTrue(fields.contains("style") && fields.contains("subject"), fields.toString());
        assertTrue(values.get(0) >= values.get(1), "sorted, largest first: " + values);
        double style = values.get(fields.indexOf("style"));
        assertTrue(style > 0, "leaving out the style changes the image");
        assertFalse(java.util.Arrays.equals(PngFiles.read(out.resolve("full.png")).image().rgb(),
                PngFiles.read(out.resolve("without-style.png")).image().rgb()));
    }

    @Test
    void aPromptWithoutFieldsIsBadInput() {
        CliRun run = CliRun.of("ablate", "--data-dir", dir.resolve("data").toString(), "--subject", " ",
                "--out", dir.resolve("x").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines(), run.err());
    }
}
