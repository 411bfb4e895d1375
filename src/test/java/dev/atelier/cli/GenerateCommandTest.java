package dev.atelier.cli;

import dev.atelier.image.GenerationParameters;
import dev.atelier.image.PngContents;
import dev.atelier.image.PngFiles;
import dev.atelier.onnx.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCommandTest {
    @TempDir
    Path temp;

    private CliRun generate(Path out, String... extra) {
        String[] base = {"generate", "--model", Fixtures.fixture(Fixtures.SD15).toString(), "--prompt",
                "a large red star on a blue background", "--negative", "green", "--seed", "7", "--steps", "3",
                "--out", out.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void writesAPngWithParametersAndReportsTheProvider() throws IOException {
        Path out = temp.resolve("a.png");
        CliRun run = generate(out, "--scheduler", "euler-a");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("on CPU"), run.out());
        assertEquals(3, run.out().lines().filter(l -> l.startsWith("step ")).count(), "plain progress lines off a terminal");
        PngContents png = PngFiles.read(out);
        assertEquals(64, png.image().width());
        GenerationParameters p = png.generationParameters().orElseThrow();
        assertEquals("a large red star on a blue background", p.prompt());
        assertEquals("green", p.negativePrompt());
        assertEquals(7L, p.seed());
        assertEquals(3, p.steps());
        assertEquals("Euler a", p.sampler());
        assertEquals(64, p.width());
    }

    @Test
    void presetsFromTheLibraryAndFromAnImageWithLabel() throws IOException {
        Path data = temp.resolve("data");
        Path styles = Files.writeString(temp.resolve("styles.csv"), "name,prompt,negative_prompt\nbold,\"bold {prompt}\",blurry\n");
        assertEquals(0, CliRun.of("presets", "import", styles.toString(), "--data-dir", data.toString()).exitCode());
        Path out = temp.resolve("p.png");
        CliRun run = generate(out, "--preset", "bold", "--data-dir", data.toString());
        assertEquals(0, run.exitCode(), run.err());
        PngContents png = PngFiles.read(out);
        assertEquals("bold a large red star on a blue background", png.generationParameters().orElseThrow().prompt());
        assertEquals("green, blurry", png.generationParameters().orElseThrow().negativePrompt());
        assertTrue(dev.atelier.image.ProvenanceLabel.parse(png.texts().get(dev.atelier.image.ProvenanceLabel.XMP_KEY)).isPresent());

        Path again = temp.resolve("again.png");
        CliRun rerun = CliRun.of("generate", "--model", Fixtures.fixture(Fixtures.SD15).toString(), "--from", out.toString(),
                "--out", again.toString());
        assertEquals(0, rerun.exitCode(), rerun.err());
        GenerationParameters first = png.generationParameters().orElseThrow();
        GenerationParameters second = PngFiles.read(again).generationParameters().orElseThrow();
        assertEquals(first.prompt(), second.prompt());
        assertEquals(first.seed(), second.seed());
        assertEquals(first.steps(), second.steps());

        CliRun missing = generate(temp.resolve("m.png"), "--preset", "nope", "--data-dir", data.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("'nope'"), missing.err());
    }

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        Path a = temp.resolve("a.png");
        Path b = temp.resolve("b.png");
        assertEquals(0, generate(a).exitCode());
        assertEquals(0, generate(b).exitCode());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void previewsAreWrittenPerStep() throws IOException {
        Path dir = temp.resolve("previews");
        assertEquals(0, generate(temp.resolve("a.png"), "--previews", dir.toString(), "--scheduler", "ddim").exitCode());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count());
        }
        var preview = PngFiles.read(dir.resolve("step-001.png"));
        assertEquals(64, preview.image().width(), "upscaled to image size");
        assertTrue(dev.atelier.image.ProvenanceLabel.parse(preview.texts().get(dev.atelier.image.ProvenanceLabel.XMP_KEY))
                .isPresent(), "previews are labelled as AI-made too");
    }

    @Test
    void badInputExitsWithTwoAndOneLineAndNoFile() {
        Path out = temp.resolve("bad.png");
        String[][] cases = {
                {"--steps", "0"}, {"--steps", "abc"}, {"--width", "72"}, {"--scheduler", "heun"},
                {"--timestep-spacing", "sideways"}, {"--device", "tpu"}, {"--emphasis", "loud"}, {"--cfg", "-1"},
                {"--seed", "-5"}, {"--unknown"}};
        for (String[] c : cases) {
            CliRun run = generate(out, c);
            assertEquals(2, run.exitCode(), String.join(" ", c) + ": " + run.err());
            assertEquals(1, run.errLines(), "one line: " + run.err());
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
            assertFalse(Files.exists(out), "no partial file for " + String.join(" ", c));
        }
    }

    @Test
    void missingPromptBrokenModelAndBadOutput() throws IOException {
        CliRun noPrompt = CliRun.of("generate", "--model", Fixtures.fixture(Fixtures.SD15).toString(), "--out",
                temp.resolve("x.png").toString());
        assertEquals(2, noPrompt.exitCode());
        assertTrue(noPrompt.err().contains("--prompt"), noPrompt.err());

        Path broken = Fixtures.copy(Fixtures.SD15, temp);
        Files.delete(broken.resolve("unet/model.onnx"));
        CliRun run = CliRun.of("generate", "--model", broken.toString(), "--prompt", "x", "--out", temp.resolve("y.png").toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines());
        assertTrue(run.err().contains("unet/model.onnx"), run.err());

        CliRun noFolder = generate(temp.resolve("missing/z.png"));
        assertEquals(2, noFolder.exitCode());
        assertTrue(noFolder.err().contains("does not exist"), noFolder.err());
        CliRun notPng = generate(temp.resolve("z.jpg"));
        assertEquals(2, notPng.exitCode());
    }

    @Test
    void failedRunLeavesAnExistingFileUntouched() throws IOException {
        Path out = temp.resolve("keep.png");
        Files.writeString(out, "old");
        CliRun run = generate(out, "--width", "96", "--height", "72");
        assertEquals(2, run.exitCode());
        assertEquals("old", Files.readString(out));
    }

    @Test
    void cudaRequestFallsBackAndSaysSo() {
        CliRun run = generate(temp.resolve("c.png"), "--device", "cuda");
        assertEquals(0, run.exitCode(), run.err());
        org.junit.jupiter.api.Assumptions.assumeTrue(run.out().contains("on CPU"), "this build runs CUDA");
        assertTrue(run.err().contains("warning: CUDA was requested"), run.err());
    }
}
