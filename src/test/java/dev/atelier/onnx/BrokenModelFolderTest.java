package dev.atelier.onnx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a copied fixture can be broken gives one clear message naming the file. */
class BrokenModelFolderTest {
    @TempDir
    Path temp;

    private ModelFolderException openFails(Path dir) {
        ModelFolderException e = assertThrows(ModelFolderException.class, () -> ModelFolder.open(dir));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void missingModelOnnx() throws IOException {
        Path dir = Fixtures.copy(Fixtures.SD15, temp);
        Files.delete(dir.resolve("unet/model.onnx"));
        ModelFolderException e = openFails(dir);
        assertEquals(dir.resolve("unet/model.onnx"), e.file());
        assertTrue(e.getMessage().contains("file is missing; expected the unet ONNX graph"), e.getMessage());
    }

    @Test
    void schedulerConfigWithInfinityIsNotBroken() throws IOException {
        // diffusers' DPMSolverMultistepScheduler config carries "lambda_min_clipped": -Infinity
        Path dir = Fixtures.copy(Fixtures.SD15, temp);
        Path config = dir.resolve("scheduler/scheduler_config.json");
        String json = Files.readString(config).trim();
        Files.writeString(config, json.substring(0, json.lastIndexOf('}')) + ", \"lambda_min_clipped\": -Infinity}");
        ModelFolder folder = ModelFolder.open(dir);
        assertEquals(Double.NEGATIVE_INFINITY,
                dev.atelier.scheduler.SchedulerConfig.readJson(config).get("lambda_min_clipped"));
        assertTrue(folder.dir(Component.UNET).endsWith("unet"));
    }

    @Test
    void missingTokenizer() throws IOException {
        Path dir = Fixtures.copy(Fixtures.SD15, temp);
        Files.delete(dir.resolve("tokenizer/vocab.json"));
        ModelFolderException e = openFails(dir);
        assertEquals(dir.resolve("tokenizer"), e.file());
        assertTrue(e.getMessage().contains("expected vocab.json and merges.txt"), e.getMessage());
    }

    @Test
    void missingSecondEncoderOfSdxl() throws IOException {
        Path dir = Fixtures.copy(Fixtures.SDXL, temp);
        Files.delete(dir.resolve("text_encoder_2/model.onnx"));
        assertEquals(dir.resolve("text_encoder_2/model.onnx"), openFails(dir).file());
    }

    @Test
    void corruptOnnxBytes() throws IOException {
        Path dir = Fixtures.copy(Fixtures.SD15, temp);
        Files.writeString(dir.resolve("vae_decoder/model.onnx"), "this is not an ONNX model");
        ModelFolderException e = openFails(dir);
        assertEquals(dir.resolve("vae_decoder/model.onnx"), e.file());
        assertTrue(e.getMessage().contains("not a valid ONNX model"), e.getMessage());
    }

    @Test
    void truncatedOnnx() throws IOException {
        Path dir = Fixtures.copy(Fixtures.SD15, temp);
        Path unet = dir.resolve("unet/model.onnx");
        byte[] bytes = Files.readAllBytes(unet);
        Files.write(unet, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(openFails(dir).getMessage().contains("not a valid ONNX model"));
    }

    @Test
    void renamedInput() throws IOException {
        Path dir = Fixtures.copy(Fixtures.SD15, temp);
        Path unet = dir.resolve("unet/model.onnx");
        // same length, so the protobuf stays valid: graph input and node references are renamed together
        byte[] bytes = replaceAll(Files.readAllBytes(unet), "encoder_hidden_states", "encoder_hidden_statez");
        Files.write(unet, bytes);
        ModelFolderException e = openFails(dir);
        assertEquals(unet, e.file());
        assertTrue(e.getMessage().contains("missing input 'encoder_hidden_states'"), e.getMessage());
    }

    @Test
    void unknownFamily() throws IOException {
        Path dir = Fixtures.copy(Fixtures.SD15, temp);
        Path index = dir.resolve("model_index.json");
        Files.writeString(index, Files.readString(index).replace("OnnxStableDiffusionPipeline", "FluxPipeline"));
        ModelFolderException e = openFails(dir);
        assertEquals(index, e.file());
        assertTrue(e.getMessage().contains("unknown model family \"FluxPipeline\""), e.getMessage());
    }

    @Test
    void externalDataEscapingTheFolder() throws IOException {
        Path dir = Fixtures.copy(Fixtures.SD15, temp);
        Files.writeString(temp.resolve("outside.bin"), "secret");
        Path encoder = dir.resolve("text_encoder/model.onnx");
        Files.write(encoder, OnnxBytes.modelWithExternalData("../../outside.bin"));
        ModelFolderException e = openFails(dir);
        assertEquals(encoder, e.file());
        assertTrue(e.getMessage().contains("points outside the model folder"), e.getMessage());
    }

    @Test
    void externalDataGuardRules() throws IOException {
        Path root = temp.resolve("model");
        Path file = root.resolve("unet/model.onnx");
        Files.createDirectories(file.getParent());
        root = root.toRealPath();
        Files.write(file.getParent().resolve("weights.pb"), new byte[16]);
        Files.write(file, OnnxBytes.modelWithExternalData("weights.pb"));
        OnnxFileScanner.Scan scan = OnnxFileScanner.scan(file);
        assertEquals(Set.of("weights.pb"), scan.externalLocations());
        Path real = root;
        ExternalDataGuard.check(real, file, scan.externalLocations()); // inside: accepted
        assertThrows(ModelFolderException.class, () -> ExternalDataGuard.check(real, file, Set.of("/etc/passwd")));
        assertThrows(ModelFolderException.class, () -> ExternalDataGuard.check(real, file, Set.of("../../x.bin")));
        ModelFolderException missing = assertThrows(ModelFolderException.class,
                () -> ExternalDataGuard.check(real, file, Set.of("model.onnx_data")));
        assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
    }

    @Test
    void notAFolder() {
        ModelFolderException e = openFails(temp.resolve("nothing-here"));
        assertTrue(e.getMessage().contains("not a folder"));
    }

    private static byte[] replaceAll(byte[] data, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.US_ASCII);
        byte[] b = to.getBytes(StandardCharsets.US_ASCII);
        int count = 0;
        for (int i = 0; i + a.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, data, i, b.length);
                count++;
            }
        }
        assertTrue(count > 0, "pattern found");
        return data;
    }
}
