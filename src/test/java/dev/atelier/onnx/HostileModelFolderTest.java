package dev.atelier.onnx;

import dev.atelier.files.CheckedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Model folders built to attack the reader (issue 15): links out of the folder, external data in
 * every place ONNX allows it, FIFOs, sparse giants, crafted sizes. Each one is refused with one line
 * naming the file, before anything outside the folder is read or anything large is allocated.
 */
class HostileModelFolderTest {
    @TempDir
    Path temp;

    private ModelFolderException openFails(Path dir) {
        ModelFolderException e = assertThrows(ModelFolderException.class, () -> ModelFolder.open(dir));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private Path model() {
        return Fixtures.copy(Fixtures.SD15, temp);
    }

    /** An outside folder holding {@code w.bin}, as an attacker's target. */
    private Path outside() throws IOException {
        Path out = Files.createDirectories(temp.resolve("outside").resolve("sub"));
        Files.writeString(out.getParent().resolve("w.bin"), "secret");
        Files.writeString(out.resolve("w.bin"), "secret");
        return out.getParent();
    }

    private Path withEncoder(Path dir, byte[] onnx) throws IOException {
        Path encoder = dir.resolve("text_encoder/model.onnx");
        Files.write(encoder, onnx);
        return encoder;
    }

    @Test
    void externalDataThroughASymlinkedFolderIsRefused() throws IOException {
        Path dir = model();
        Path outside = outside();
        Files.createSymbolicLink(dir.resolve("text_encoder/d"), outside);
        Path encoder = withEncoder(dir, OnnxBytes.modelWithExternalData("d/w.bin"));
        ModelFolderException e = openFails(dir);
        assertEquals(encoder, e.file());
        assertTrue(e.getMessage().contains("points outside the model folder"), e.getMessage());
    }

    @Test
    void dotDotAfterASymlinkIsResolvedAsTheSystemDoes() throws IOException {
        // "d/../w.bin" looks like text_encoder/w.bin, which exists; the system resolves d first, to outside/sub
        Path dir = model();
        Path outside = outside();
        Files.writeString(dir.resolve("text_encoder/w.bin"), "inside");
        Files.createSymbolicLink(dir.resolve("text_encoder/d"), outside.resolve("sub"));
        withEncoder(dir, OnnxBytes.modelWithExternalData("d/../w.bin"));
        assertTrue(openFails(dir).getMessage().contains("points outside the model folder"));
    }

    @Test
    void externalDataThatIsASymlinkToAnOutsideFileIsRefused() throws IOException {
        Path dir = model();
        Files.createSymbolicLink(dir.resolve("text_encoder/w.bin"), outside().resolve("w.bin"));
        withEncoder(dir, OnnxBytes.modelWithExternalData("w.bin"));
        assertTrue(openFails(dir).getMessage().contains("points outside the model folder"));
    }

    @Test
    void absoluteAndNulLocationsAreRefused() throws IOException {
        Path dir = model();
        Path outside = outside();
        withEncoder(dir, OnnxBytes.modelWithExternalData(outside.resolve("w.bin").toString()));
        assertTrue(openFails(dir).getMessage().contains("points outside the model folder"));

        Files.writeString(dir.resolve("text_encoder/w.bin"), "inside");
        withEncoder(dir, OnnxBytes.modelWithExternalData("w.bin\0/etc/passwd"));
        ModelFolderException nul = openFails(dir);
        assertTrue(nul.getMessage().contains("NUL character"), nul.getMessage());
        assertTrue(nul.getMessage().contains("\\u0000"), "shown escaped: " + nul.getMessage());
    }

    @Test
    void externalDataIsFoundEverywhereTheFormatAllowsIt() throws IOException {
        Path dir = model();
        Path file = dir.resolve("text_encoder/model.onnx");
        for (byte[] onnx : List.of(OnnxBytes.modelWithTrainingInfoExternalData("../../outside.bin"),
                OnnxBytes.modelWithSubgraphExternalData("../../outside.bin"),
                OnnxBytes.modelWithSparseExternalData("../../outside.bin"),
                OnnxBytes.modelWithFunctionExternalData("../../outside.bin"))) {
            Files.write(file, onnx);
            assertEquals(Set.of("../../outside.bin"), OnnxFileScanner.scan(file).externalLocations());
        }
        Files.writeString(temp.resolve("outside.bin"), "secret");
        Files.write(file, OnnxBytes.modelWithTrainingInfoExternalData("../../outside.bin"));
        assertTrue(openFails(dir).getMessage().contains("points outside the model folder"));
    }

    @Test
    void aModelFileLinkedFromOutsideIsRefused() throws IOException {
        Path dir = model();
        Path unet = dir.resolve("unet/model.onnx");
        Path moved = Files.move(unet, temp.resolve("unet-elsewhere.onnx"));
        Files.createSymbolicLink(unet, moved);
        ModelFolderException e = openFails(dir);
        assertEquals(unet, e.file());
        assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());
    }

    @Test
    void aConfigOrTokenizerFileLinkedFromOutsideIsRefused() throws IOException {
        Path dir = model();
        Path vae = dir.resolve("vae_decoder/config.json");
        Files.move(vae, temp.resolve("vae.json"));
        Files.createSymbolicLink(vae, temp.resolve("vae.json"));
        assertEquals(vae, openFails(dir).file());
        Files.delete(vae);

        Path merges = dir.resolve("tokenizer/merges.txt");
        Files.move(merges, temp.resolve("merges.txt"));
        Files.createSymbolicLink(merges, temp.resolve("merges.txt"));
        ModelFolderException e = openFails(dir);
        assertEquals(merges, e.file());
        assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());
    }

    @Test
    void aLatentPreviewTableLinkedFromOutsideIsRefused() throws IOException {
        Path dir = model();
        Path table = dir.resolve("latent_preview.json");
        Files.createSymbolicLink(table, outside().resolve("w.bin"));
        ModelFolder folder = ModelFolder.open(dir);
        ModelFolderException e = assertThrows(ModelFolderException.class, folder::latentPreviewFile);
        assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());
    }

    @Test
    void linksInsideTheFolderAndALinkedFolderItselfAreFine() throws IOException {
        Path dir = model();
        Path vae = dir.resolve("vae_decoder/config.json");
        Files.move(vae, dir.resolve("vae-config.json"));
        Files.createSymbolicLink(vae, Path.of("../vae-config.json"));
        Path link = Files.createSymbolicLink(temp.resolve("linked-model"), dir);
        assertEquals(link.toAbsolutePath(), ModelFolder.open(link).root());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang; refusing takes milliseconds
    void fifosAndFoldersAreRefusedWithoutBlocking() throws Exception {
        Path dir = model();
        Path config = dir.resolve("unet/config.json");
        Files.delete(config);
        assumeTrue(mkfifo(config), "mkfifo is not available");
        ModelFolderException e = openFails(dir);
        assertEquals(config, e.file());
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        Files.delete(config);

        Path vocab = dir.resolve("tokenizer/vocab.json");
        Files.delete(vocab);
        assertTrue(mkfifo(vocab));
        assertTrue(openFails(dir).getMessage().contains("not a regular file"));
        Files.delete(vocab);
        Files.copy(Fixtures.fixture(Fixtures.SD15).resolve("tokenizer/vocab.json"), vocab);

        Path onnx = dir.resolve("vae_decoder/model.onnx");
        Files.delete(onnx);
        assertTrue(mkfifo(onnx));
        assertTrue(openFails(dir).getMessage().contains("not a regular file"));
        Files.delete(onnx);
        Files.createDirectory(onnx);
        assertTrue(openFails(dir).getMessage().contains("is a folder"));
    }

    static boolean mkfifo(Path path) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return p.waitFor() == 0 && Files.exists(path);
        } catch (IOException e) {
            return false; // no mkfifo on this system
        }
    }

    @Test
    void aSparseTenGigabyteOnnxIsRefusedBySize() throws IOException {
        Path dir = model();
        Path unet = dir.resolve("unet/model.onnx");
        try (RandomAccessFile f = new RandomAccessFile(unet.toFile(), "rw")) {
            f.setLength(10L << 30); // sparse: no disk used
        }
        ModelFolderException e = openFails(dir);
        assertTrue(e.getMessage().contains("expected at most " + CheckedFiles.MAX_ONNX_BYTES), e.getMessage());
    }

    @Test
    void aOneGigabyteInputNameIsRefusedBeforeAllocating() throws IOException {
        Path file = temp.resolve("model.onnx");
        long length = 1L << 30;
        byte[] head = OnnxBytes.modelHeadWithInputNameOf(length);
        Files.write(file, head);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(head.length + length); // sparse, so the declared name fits inside the file
        }
        ModelFolderException e = assertThrows(ModelFolderException.class, () -> OnnxFileScanner.scan(file));
        assertTrue(e.getMessage().contains("a string of " + length + " bytes"), e.getMessage());
    }

    @Test
    void hundredThousandNestedSubgraphsAreRefusedWithoutStackOverflow() throws IOException {
        Path file = temp.resolve("deep.onnx");
        Files.write(file, OnnxBytes.nestedSubgraphs(100_000));
        ModelFolderException e = assertThrows(ModelFolderException.class, () -> OnnxFileScanner.scan(file));
        assertTrue(e.getMessage().contains("nested more than " + OnnxFileScanner.MAX_GRAPH_DEPTH), e.getMessage());
        Files.write(file, OnnxBytes.nestedSubgraphs(10)); // ordinary nesting still scans
        assertEquals(8, OnnxFileScanner.scan(file).irVersion());
    }

    @Test
    void longNamesAreQuotedShort() throws IOException {
        Path dir = model();
        // an unknown U-Net input is refused by name; the name in the message is cut to Quoting.MAX_CHARS
        byte[] graph = OnnxBytes.field(2, OnnxBytes.str("g"));
        for (String name : List.of("sample", "timestep", "encoder_hidden_states", "x".repeat(3000))) {
            graph = OnnxBytes.concat(graph, OnnxBytes.field(11, OnnxBytes.field(1, OnnxBytes.str(name))));
        }
        Files.write(dir.resolve("unet/model.onnx"), OnnxBytes.concat(OnnxBytes.varintField(1, 8), OnnxBytes.field(7, graph)));
        ModelFolderException e = openFails(dir);
        assertTrue(e.getMessage().length() < 1000, e.getMessage());
        assertTrue(e.getMessage().contains("(3000 characters)"), e.getMessage());
    }

    @Test
    void configNumbersOutsideSaneRangesNameFileAndKey() throws IOException {
        Path dir = model();
        Path vae = dir.resolve("vae_decoder/config.json");
        String blocks = "[" + "64, ".repeat(32) + "64]"; // 33 entries: 1 << 32 wraps the scale factor to 1
        Files.writeString(vae, "{\"block_out_channels\": " + blocks + "}");
        ModelFolderException e = openFails(dir);
        assertEquals(vae, e.file());
        assertTrue(e.getMessage().contains("\"block_out_channels\" is a list of 33"), e.getMessage());

        Files.writeString(vae, "{\"scaling_factor\": NaN}");
        assertTrue(openFails(dir).getMessage().contains("\"scaling_factor\""));
        Files.writeString(vae, "{}");

        Path unet = dir.resolve("unet/config.json");
        Files.writeString(unet, "{\"sample_size\": 2147483647}");
        e = openFails(dir);
        assertEquals(unet, e.file());
        assertTrue(e.getMessage().contains("\"sample_size\" is 2147483647; expected an integer from 1 to 1024"),
                e.getMessage());
        Files.writeString(unet, "{\"sample_size\": \"big\"}");
        assertTrue(openFails(dir).getMessage().contains("\"sample_size\" is \"big\""));
        Files.writeString(unet, "{\"sample_size\": null}"); // null means "the default", as in diffusers
        ModelFolder.open(dir);

        Path atelier = dir.resolve("atelier.json");
        Files.writeString(atelier, "{\"width\": 1e12}");
        assertEquals(atelier, openFails(dir).file());
    }

    @Test
    void aConfigThatIsNullNamesTheFile() throws IOException {
        Path dir = model();
        for (String name : List.of("model_index.json", "unet/config.json", "scheduler/scheduler_config.json")) {
            Path file = dir.resolve(name);
            String saved = Files.readString(file);
            Files.writeString(file, "null");
            ModelFolderException e = openFails(dir);
            assertEquals(file, e.file());
            assertTrue(e.getMessage().contains("holds null; expected a JSON object"), e.getMessage());
            Files.writeString(file, saved);
        }
    }

    @Test
    void permissionErrorsSayPermissionDenied() throws IOException {
        Path file = temp.resolve("model.onnx");
        // as the mapping: root reads every file, so a chmod test can only run as another user
        assertEquals("permission denied", CheckedFiles.refused(file, new AccessDeniedException(file.toString())).reason());
        assertEquals("file is missing", CheckedFiles.refused(file, new java.nio.file.NoSuchFileException(file.toString())).reason());
        Files.write(file, OnnxBytes.modelWithExternalData("w.bin"));
        assumeTrue(file.toFile().setReadable(false, false) && !Files.isReadable(file), "running as root");
        ModelFolderException e = assertThrows(ModelFolderException.class, () -> OnnxFileScanner.scan(file));
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }
}
