package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.image.PngFiles;
import dev.atelier.onnx.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14's command-line points and the boundary's one-line rules, on the embedded model. */
class CliHardeningTest {
    @TempDir
    Path temp;

    @Test
    void tokenizeTreatsBreakAsAKeywordNotAWord() throws IOException {
        Fixtures.embeddedModel("tiny-shapes");
        CliRun run = CliRun.of("tokenize", "red circle BREAK blue");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(3, json.get("count").asInt(), run.out());
        assertEquals(2, json.get("breaks").get(0).asInt(), run.out());
        assertFalse(run.out().contains("\"k</w>\""), "BREAK is not split into letters: " + run.out());
    }

    @Test
    void generateHelpKeepsOptionLabelsWhole() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new java.io.PrintStream(picocliWarnings, true, java.nio.charset.StandardCharsets.UTF_8));
            run = CliRun.of("generate", "--help");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, run.exitCode());
        assertEquals("", picocliWarnings.toString(java.nio.charset.StandardCharsets.UTF_8),
                "picocli formats every description (a bare % would not)");
        assertTrue(run.out().contains("--out=FILE"), run.out());
        assertTrue(run.out().contains("--timestep-spacing=NAME"), run.out());
        assertTrue(run.out().contains("--memory-budget=SIZE"), run.out());
        assertFalse(run.out().contains("FILE.\n"), run.out());
        assertTrue(run.out().contains("75% of the machine's memory"), run.out());
    }

    @Test
    void seedMinusOneRollsARandomSeedInA1111Range() throws IOException {
        Fixtures.embeddedModel("tiny-shapes");
        Path out = temp.resolve("r.png");
        CliRun run = CliRun.of("generate", "--prompt", "a red circle", "--seed", "-1", "--steps", "1", "--out",
                out.toString());
        assertEquals(0, run.exitCode(), run.err());
        long seed = PngFiles.read(out).generationParameters().orElseThrow().seed();
        assertTrue(seed >= 0 && seed <= dev.atelier.pipeline.Seeds.MAX_ROLLED, "seed " + seed);
    }

    /** No --seed at all rolls by the same rule (it rolled 64-bit seeds, e.g. 8424696442186456213, before). */
    @Test
    void noSeedRollsInA1111RangeToo() throws IOException {
        Fixtures.embeddedModel("tiny-shapes");
        for (int i = 0; i < 3; i++) {
            Path out = temp.resolve("n" + i + ".png");
            CliRun run = CliRun.of("generate", "--prompt", "a red circle", "--steps", "1", "--out", out.toString());
            assertEquals(0, run.exitCode(), run.err());
            long seed = PngFiles.read(out).generationParameters().orElseThrow().seed();
            assertTrue(seed >= 0 && seed <= dev.atelier.pipeline.Seeds.MAX_ROLLED, "seed " + seed);
        }
    }

    @Test
    void quotedValuesAndColourCodesAreCutFromTheLine() {
        String line = Failures.oneLine("bad name '" + "x".repeat(10_000) + "'\n\u001B[0;31mcolour\u001B[m");
        assertTrue(line.contains("'" + "x".repeat(Failures.MAX_QUOTED) + "...' (10000 characters)"), line);
        assertTrue(line.endsWith(" colour"), line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void errorsBecomeOneLine() {
        var cl = Main.commandLine(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(
                new java.io.StringWriter()));
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertEquals(Failures.BAD_INPUT, Failures.onError(new StackOverflowError(), cl));
        assertEquals(Failures.INTERNAL, Failures.onError(new OutOfMemoryError("Java heap space"), cl));
        assertEquals(2, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("atelier: ran out of memory (Java heap space)"), err.toString());
    }
}
