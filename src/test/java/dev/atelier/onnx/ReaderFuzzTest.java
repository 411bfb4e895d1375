package dev.atelier.onnx;

import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.scheduler.SchedulerConfig;
import dev.atelier.scheduler.SchedulerConfigException;
import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.tokenizer.TokenizerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random mutations of valid files through every reader of hostile input: the ONNX scanner,
 * the model folder's JSON configs, the scheduler config, tokenizer files and PNGs. Each run must end
 * in a result or in the reader's own exception with a one-line message; any other exception or
 * Error (stack overflow, out of memory, NullPointerException) fails the test with the seed and
 * iteration to replay it. 4000 cases, about 30 s on a busy 2-core machine.
 */
class ReaderFuzzTest {
    private static final long SEED = 15;

    @TempDir
    Path temp;

    /** Runs {@code reader} on a file and checks how it ended. */
    @FunctionalInterface
    private interface Reader {
        void read() throws Exception;
    }

    private static void expectCleanEnd(String what, int iteration, Reader reader, Predicate<Throwable> ownError) {
        try {
            reader.read();
        } catch (Throwable t) {
            String message = t.getMessage();
            if (!ownError.test(t) || message == null || message.isBlank() || message.contains("\n")) {
                fail(what + " case " + iteration + " (seed " + SEED + ") ended in " + t, t);
            }
        }
    }

    /** One random edit: bit flips, a boundary byte, a cut, an insertion or a duplicated slice. */
    static byte[] mutate(byte[] base, Random rnd) {
        byte[] b = base.clone();
        int n = b.length;
        // half of the edits land near the start or the end, where the structure (not the weights) is
        int at = rnd.nextBoolean() ? rnd.nextInt(n) : (rnd.nextBoolean() ? rnd.nextInt(Math.min(n, 4096))
                : Math.max(0, n - 1 - rnd.nextInt(Math.min(n, 4096))));
        switch (rnd.nextInt(6)) {
            case 0 -> {
                for (int i = 0, k = 1 + rnd.nextInt(4); i < k; i++) {
                    b[Math.min(n - 1, at + rnd.nextInt(16))] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b[at] = new byte[] {0, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, '"', '}', '\n'}[rnd.nextInt(7)];
            case 2 -> b = Arrays.copyOf(b, at);
            case 3 -> {
                byte[] insert = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(insert);
                b = concat(Arrays.copyOf(b, at), insert, Arrays.copyOfRange(b, at, n));
            }
            case 4 -> {
                int len = Math.min(n - at, 1 + rnd.nextInt(64));
                b = concat(Arrays.copyOf(b, at + len), Arrays.copyOfRange(b, at, n));
            }
            default -> {
                for (int i = 0, k = 1 + rnd.nextInt(3); i < k; i++) {
                    b[rnd.nextInt(n)] = (byte) rnd.nextInt(256);
                }
            }
        }
        return b;
    }

    /** JSON-aware edits: a value replaced by an extreme, null, NaN or a wrong type; else a byte edit. */
    static byte[] mutateJson(byte[] base, Random rnd) {
        String json = new String(base, StandardCharsets.UTF_8);
        List<String> extremes = List.of("null", "NaN", "-Infinity", "1e308", "2147483647", "-1", "0", "\"x\"",
                "[" + "1,".repeat(40) + "1]", "{}", "[]", "true", "0.5");
        int colon = json.indexOf(':', rnd.nextInt(Math.max(1, json.length())));
        if (colon < 0 || rnd.nextInt(4) == 0) {
            return mutate(base, rnd);
        }
        int end = colon + 1;
        int depth = 0;
        while (end < json.length()) {
            char c = json.charAt(end);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth-- == 0) {
                    break;
                }
            } else if (c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        String edited = json.substring(0, colon + 1) + " " + extremes.get(rnd.nextInt(extremes.size()))
                + json.substring(end);
        return edited.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    @Test
    void onnxScannerEndsCleanly() throws IOException {
        Random rnd = new Random(SEED);
        Path folder = Files.createDirectories(temp.resolve("m/text_encoder"));
        Path realRoot = folder.getParent().toRealPath();
        Files.writeString(folder.resolve("w.bin"), "weights");
        List<byte[]> bases = List.of(OnnxBytes.modelWithExternalData("w.bin"),
                OnnxBytes.modelWithTrainingInfoExternalData("w.bin"), OnnxBytes.modelWithSubgraphExternalData("w.bin"),
                OnnxBytes.modelWithSparseExternalData("w.bin"), OnnxBytes.modelWithFunctionExternalData("w.bin"),
                OnnxBytes.nestedSubgraphs(70),
                Files.readAllBytes(Fixtures.fixture(Fixtures.SD15).resolve("text_encoder/model.onnx")),
                Files.readAllBytes(Fixtures.fixture(Fixtures.SD15).resolve("vae_decoder/model.onnx")));
        Path file = folder.resolve("model.onnx");
        for (int i = 0; i < 1500; i++) {
            byte[] bytes = mutate(bases.get(i % bases.size()), rnd);
            Files.write(file, bytes);
            expectCleanEnd("onnx", i, () -> {
                OnnxFileScanner.Scan scan = OnnxFileScanner.scan(file);
                ExternalDataGuard.check(realRoot, file, scan.externalLocations());
            }, t -> t instanceof ModelFolderException);
        }
    }

    @Test
    void modelFolderConfigsEndCleanly() throws IOException {
        Random rnd = new Random(SEED + 1);
        Path dir = Fixtures.copy(Fixtures.SD15, temp);
        // the keys of models/tiny-shapes/atelier.json, sized for the sd15 fixture
        Files.writeString(dir.resolve("atelier.json"), "{\"default_steps\": 20, \"default_guidance\": 5.0, "
                + "\"default_scheduler\": \"ddim\", \"width\": 512, \"height\": 512, \"size_multiple\": 64}");
        List<String> configs = List.of("model_index.json", "scheduler/scheduler_config.json", "unet/config.json",
                "vae_decoder/config.json", "text_encoder/config.json", "atelier.json");
        for (int i = 0; i < 300; i++) {
            Path file = dir.resolve(configs.get(i % configs.size()));
            byte[] saved = Files.readAllBytes(file);
            Files.write(file, mutateJson(saved, rnd));
            expectCleanEnd("model folder " + file.getFileName(), i, () -> ModelFolder.open(dir),
                    t -> t instanceof ModelFolderException);
            Files.write(file, saved);
        }
    }

    @Test
    void schedulerConfigEndsCleanly() throws IOException {
        Random rnd = new Random(SEED + 2);
        byte[] base = Files.readAllBytes(Fixtures.fixture(Fixtures.SD15).resolve("scheduler/scheduler_config.json"));
        Path file = temp.resolve("scheduler_config.json");
        for (int i = 0; i < 1000; i++) {
            Files.write(file, mutateJson(base, rnd));
            expectCleanEnd("scheduler config", i, () -> SchedulerConfig.fromFile(file, null),
                    t -> t instanceof SchedulerConfigException);
        }
    }

    @Test
    void tokenizerFilesEndCleanly() throws IOException {
        Random rnd = new Random(SEED + 3);
        Path dir = Fixtures.copy(Fixtures.SD15, temp).resolve("tokenizer");
        List<String> files = List.of("vocab.json", "merges.txt", "special_tokens_map.json", "tokenizer_config.json");
        for (int i = 0; i < 200; i++) {
            Path file = dir.resolve(files.get(i % files.size()));
            byte[] saved = Files.readAllBytes(file);
            Files.write(file, file.toString().endsWith(".json") ? mutateJson(saved, rnd) : mutate(saved, rnd));
            expectCleanEnd("tokenizer " + file.getFileName(), i, () -> {
                try (ClipTokenizer t = ClipTokenizer.load(dir)) {
                    t.ids("a red circle");
                }
            }, t -> t instanceof TokenizerException);
            Files.write(file, saved);
        }
    }

    @Test
    void pngReaderEndsCleanly() throws IOException {
        Random rnd = new Random(SEED + 4);
        byte[] rgb = new byte[24 * 16 * 3];
        rnd.nextBytes(rgb);
        Path file = temp.resolve("base.png");
        PngFiles.write(new PixelImage(24, 16, rgb), Map.of("parameters", "a red circle\nSteps: 20, Seed: 1",
                "Comment", "桜 unicode goes to iTXt"), file);
        byte[] base = Files.readAllBytes(file);
        for (int i = 0; i < 1000; i++) {
            Files.write(file, mutate(base, rnd));
            expectCleanEnd("png", i, () -> PngFiles.read(file), t -> t instanceof IOException);
        }
    }
}
