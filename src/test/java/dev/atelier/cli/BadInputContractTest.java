package dev.atelier.cli;

import dev.atelier.onnx.Fixtures;
import dev.atelier.pipeline.NanGraph;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's contract over every bad-input case of the command line: exit code 2, exactly one line
 * on stderr that says what was wrong (the expected phrase), no stack trace, and no output file or
 * temp file left behind. Each case builds its hostile input in a fresh temp folder.
 */
class BadInputContractTest {
    @TempDir
    Path temp;

    /** A case: its name, the phrase its line must contain, and its arguments given the temp folder. */
    record Case(String name, String expected, Function<Path, List<String>> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<String> generate(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("generate", "--out", dir.resolve("out.png").toString()));
        args.addAll(List.of(extra));
        String[][] defaults = {{"--prompt", "a red circle"}, {"--seed", "1"}, {"--steps", "2"}};
        for (String[] d : defaults) {
            if (!args.contains(d[0])) {
                args.addAll(List.of(d));
            }
        }
        return args;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("steps beyond the model's schedule", "steps must be between 1 and 999 (this model's schedule)",
                        d -> generate(d, "--steps", "1000")),
                new Case("width off the model's multiple", "--width: width must be a multiple of 32 between 32 and 256",
                        d -> generate(d, "--width", "100")),
                new Case("width on 8 but off the model's multiple", "width must be a multiple of 32",
                        d -> generate(d, "--width", "104")),
                new Case("size beyond the memory budget", "the largest square size that fits is",
                        d -> generate(d, "--width", "256", "--height", "256", "--memory-budget", "240M")),
                new Case("unreadable memory budget", "--memory-budget: 'lots' is not a size",
                        d -> generate(d, "--memory-budget", "lots")),
                new Case("negative seed other than -1", "--seed: seed must be -1 (random)",
                        d -> generate(d, "--seed", "-5")),
                new Case("prompt over the character cap", "prompt is 20001 characters long",
                        d -> List.of("generate", "--prompt", "a".repeat(20_001), "--out", d.resolve("o.png").toString())),
                new Case("prompt over the chunk cap", "needs 40 chunks of 75 tokens; at most 32",
                        d -> generate(d, "--prompt", "red BREAK ".repeat(40))),
                new Case("output name too long for the temp file", "file name too long",
                        d -> List.of("generate", "--prompt", "x", "--out", d.resolve("n".repeat(246) + ".png").toString())),
                new Case("previews equal to the output", "--previews: ",
                        d -> generate(d, "--previews", d.resolve("out.png").toString())),
                new Case("previews naming an existing file", "is a file; expected a folder",
                        d -> generate(d, "--previews", write(d.resolve("notes.txt")).toString())),
                new Case("output folder missing", "does not exist",
                        d -> List.of("generate", "--prompt", "x", "--out", d.resolve("no/such/out.png").toString())),
                new Case("model folder missing", "is not a folder; expected a model folder",
                        d -> generate(d, "--model", d.resolve("none").toString())),
                new Case("model folder without a unet", "unet",
                        d -> generate(d, "--model", withoutUnet(d).toString())),
                new Case("a quoted value of 64 KiB is cut", "(65536 characters)",
                        d -> generate(d, "--scheduler", "x".repeat(65_536))),
                new Case("scheduler betas that make NaN", "scheduler_config.json: the scheduler's arithmetic gave NaN",
                        d -> generate(d, "--model", damaged(d, "scheduler").toString(), "--scheduler", "ddim")),
                new Case("scheduler betas that make the noise infinite", "the noise schedule is not finite",
                        d -> generate(d, "--model", damaged(d, "scheduler").toString(), "--scheduler", "euler")),
                new Case("a U-Net that outputs NaN", "model.onnx: the U-Net output NaN or infinity at step 1",
                        d -> generate(d, "--model", damaged(d, "unet").toString())),
                new Case("a VAE that outputs NaN", "model.onnx: the VAE decoder output NaN or infinity",
                        d -> generate(d, "--model", damaged(d, "vae").toString())))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitsWithTwoAndOneClearLine(Case c) throws IOException {
        Fixtures.embeddedModel("tiny-shapes");
        Path dir = Files.createDirectories(temp.resolve("case"));
        CliRun run = CliRun.of(c.args().apply(dir).toArray(String[]::new));
        assertEquals(2, run.exitCode(), c + ": " + run.err());
        assertEquals(1, run.errLines(), c + ": one line: " + run.err());
        assertTrue(run.err().contains(c.expected()), c + ": " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
        assertTrue(run.err().length() < 2_500, "quoted values are cut: " + run.err().length() + " characters");
        try (var files = Files.list(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.equals("out.png")).toList();
            assertEquals(List.of(), left, "no output or temp file");
        }
    }

    private static Path write(Path file) {
        try {
            return Files.writeString(file, "not a folder");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A copy of tiny-shapes with betas past 1 (negative alphas), or a U-Net or VAE multiplying by NaN. */
    private static Path damaged(Path dir, String part) {
        try {
            Path model = NanGraph.copy(Fixtures.embeddedModel("tiny-shapes"), dir.resolve("damaged-" + part));
            switch (part) {
                case "scheduler" -> {
                    Path config = model.resolve("scheduler").resolve("scheduler_config.json");
                    // every beta in range, but their cumulative product underflows to 0
                    String betas = String.join(", ", java.util.Collections.nCopies(1000, "0.999999"));
                    Files.writeString(config, Files.readString(config).replace("\"trained_betas\": null", "\"trained_betas\": [" + betas + "]"));
                }
                case "unet" -> Files.write(model.resolve("unet").resolve("model.onnx"), NanGraph.model("out_sample",
                        List.of(new NanGraph.Input("sample", null, 4, null, null),
                                new NanGraph.Input("timestep", (Object) null),
                                new NanGraph.Input("encoder_hidden_states", null, null, 128))));
                default -> Files.write(model.resolve("vae_decoder").resolve("model.onnx"), NanGraph.model("sample",
                        List.of(new NanGraph.Input("latent_sample", null, 4, null, null))));
            }
            return model;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path withoutUnet(Path dir) {
        try {
            Path model = dir.resolve("broken");
            Path source = Fixtures.embeddedModel("tiny-shapes");
            for (String sub : List.of("scheduler", "tokenizer", "text_encoder", "vae_decoder")) {
                Files.createDirectories(model.resolve(sub));
                try (var files = Files.list(source.resolve(sub))) {
                    for (Path p : files.toList()) {
                        Files.copy(p, model.resolve(sub).resolve(p.getFileName())); // links leading outside are refused
                    }
                }
            }
            Files.copy(source.resolve("model_index.json"), model.resolve("model_index.json"));
            return model;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.Test
    void readOnlyOutputFolderIsRefusedUpFront() throws IOException {
        Fixtures.embeddedModel("tiny-shapes");
        Path dir = Files.createDirectories(temp.resolve("ro"));
        Assumptions.assumeTrue(dir.toFile().setWritable(false, false), "cannot make a folder read-only here");
        try {
            Assumptions.assumeFalse(Files.isWritable(dir), "running as a user who may write anywhere (root)");
            CliRun run = CliRun.of(generate(dir).toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.err());
            assertEquals(1, run.errLines(), run.err());
            assertTrue(run.err().contains("is not writable"), run.err());
        } finally {
            dir.toFile().setWritable(true, false);
        }
    }
}
