package dev.atelier.onnx;

import dev.atelier.files.CheckedFiles;
import dev.atelier.files.FileRefusedException;
import dev.atelier.files.Quoting;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validation and reading behind {@link ModelFolder#open}: one clear message per broken folder. */
final class ModelFolderReader {
    static final Set<String> UNET_INPUTS = Set.of("sample", "timestep", "encoder_hidden_states",
            "text_embeds", "time_ids", "timestep_cond");
    /** Every file a tokenizer folder may hold that Atelier reads. */
    private static final List<String> TOKENIZER_FILES = List.of("vocab.json", "merges.txt", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json");
    private static final List<String> UNET_REQUIRED = List.of("sample", "timestep", "encoder_hidden_states");

    private ModelFolderReader() {
    }

    static ModelFolder read(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ModelFolderException(root, "not a folder; expected a diffusers ONNX model folder "
                    + "(model_index.json, scheduler/, tokenizer/, text_encoder/, unet/, vae_decoder/)");
        }
        Path realRoot;
        try {
            realRoot = CheckedFiles.realFolder(root); // every file must resolve inside this
        } catch (FileRefusedException e) {
            throw new ModelFolderException(root, e.reason() + "; expected a readable model folder");
        }
        Map<String, Object> modelIndex = JsonFiles.readOptional(realRoot, root.resolve("model_index.json"));
        Path schedulerFile = root.resolve("scheduler").resolve("scheduler_config.json");
        if (!Files.exists(schedulerFile)) {
            throw new ModelFolderException(schedulerFile, "file is missing; expected the diffusers scheduler config");
        }
        Map<String, Object> scheduler = JsonFiles.readOptional(realRoot, schedulerFile);
        Map<Component, Path> files = new EnumMap<>(Component.class);
        Map<Component, Signature> signatures = new EnumMap<>(Component.class);
        for (Component c : List.of(Component.TEXT_ENCODER, Component.UNET, Component.VAE_DECODER)) {
            scanInto(realRoot, root, c, files, signatures);
        }
        if (Files.exists(root.resolve(Component.TEXT_ENCODER_2.dirName()))) {
            scanInto(realRoot, root, Component.TEXT_ENCODER_2, files, signatures);
        }
        requireTokenizer(realRoot, root, Component.TOKENIZER);
        Signature unet = signatures.get(Component.UNET);
        checkUnet(files.get(Component.UNET), unet);
        requireInput(files.get(Component.VAE_DECODER), signatures.get(Component.VAE_DECODER), "latent_sample");
        requireInput(files.get(Component.TEXT_ENCODER), signatures.get(Component.TEXT_ENCODER), "input_ids");

        Map<String, Object> textEncoderConfig = JsonFiles.readOptional(realRoot,
                root.resolve("text_encoder").resolve("config.json"));
        ModelFamily family = FamilyDetector.detect(root, modelIndex, scheduler, textEncoderConfig, unet);
        if (unet.hasInput("text_embeds") && unet.hasInput("time_ids")) {
            checkXlEncoders(realRoot, root, files, signatures);
        } else {
            requireOutput(files.get(Component.TEXT_ENCODER), signatures.get(Component.TEXT_ENCODER), "last_hidden_state");
        }
        Map<String, Object> unetConfig = JsonFiles.readOptional(realRoot, root.resolve("unet").resolve("config.json"));
        Map<String, Object> vaeConfig = JsonFiles.readOptional(realRoot, root.resolve("vae_decoder").resolve("config.json"));
        Map<String, Object> atelier = JsonFiles.readOptional(realRoot, root.resolve("atelier.json"));
        ModelGeometry geometry = new GeometryReader(root, family, unet).read(unetConfig, vaeConfig, atelier);
        ModelDefaults defaults = GeometryReader.defaults(root.resolve("atelier.json"), atelier, geometry);
        String prediction = JsonFiles.string(scheduler, "prediction_type").orElse("epsilon");
        return new ModelFolder(root, family, prediction, modelIndex, scheduler, unetConfig, files, signatures,
                geometry, defaults);
    }

    private static void scanInto(Path realRoot, Path root, Component c, Map<Component, Path> files,
                                 Map<Component, Signature> signatures) {
        Path file = root.resolve(c.dirName()).resolve("model.onnx");
        if (!Files.exists(file)) {
            throw new ModelFolderException(file, "file is missing; expected the " + c.dirName() + " ONNX graph");
        }
        checkInside(realRoot, file, CheckedFiles.MAX_ONNX_BYTES, "the " + c.dirName() + " ONNX graph");
        OnnxFileScanner.Scan scan = OnnxFileScanner.scan(file);
        ExternalDataGuard.check(realRoot, file, scan.externalLocations());
        files.put(c, file);
        signatures.put(c, scan.signature());
    }

    /** Existing tokenizer files must resolve inside the folder and be regular files; the tokenizer reads them later. */
    private static void requireTokenizer(Path realRoot, Path root, Component c) {
        Path dir = root.resolve(c.dirName());
        boolean bpe = Files.exists(dir.resolve("vocab.json")) && Files.exists(dir.resolve("merges.txt"));
        if (!bpe && !Files.exists(dir.resolve("tokenizer.json"))) {
            throw new ModelFolderException(dir, "tokenizer is missing; expected vocab.json and merges.txt "
                    + "(or tokenizer.json) in this folder");
        }
        for (String name : TOKENIZER_FILES) {
            Path file = dir.resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                checkInside(realRoot, file, CheckedFiles.MAX_TOKENIZER_BYTES, "a tokenizer file");
            }
        }
    }

    private static void checkInside(Path realRoot, Path file, long maxBytes, String expected) {
        try {
            CheckedFiles.regularFileInside(realRoot, file, maxBytes);
        } catch (FileRefusedException e) {
            throw new ModelFolderException(file, e.reason() + "; expected " + expected);
        }
    }

    private static void checkUnet(Path file, Signature unet) {
        for (String name : UNET_REQUIRED) {
            requireInput(file, unet, name);
        }
        for (String name : unet.inputNames()) {
            if (!UNET_INPUTS.contains(name)) {
                throw new ModelFolderException(file, "unknown U-Net input " + Quoting.quote(name) + "; expected only "
                        + "sample, timestep, encoder_hidden_states (+ text_embeds, time_ids for SDXL, "
                        + "timestep_cond for LCM)");
            }
        }
        if (unet.outputs().isEmpty()) {
            throw new ModelFolderException(file, "the graph declares no outputs; expected out_sample");
        }
        TensorSpec sample = unet.input("sample").orElseThrow();
        if (sample.rank() != 4) {
            throw new ModelFolderException(file, "input 'sample' has rank " + sample.rank()
                    + "; expected [batch, channels, height, width]");
        }
    }

    private static void checkXlEncoders(Path realRoot, Path root, Map<Component, Path> files, Map<Component, Signature> signatures) {
        if (!files.containsKey(Component.TEXT_ENCODER_2)) {
            throw new ModelFolderException(root.resolve("text_encoder_2").resolve("model.onnx"),
                    "file is missing; an SDXL U-Net (text_embeds, time_ids) needs the second text encoder");
        }
        requireTokenizer(realRoot, root, Component.TOKENIZER_2);
        Path file2 = files.get(Component.TEXT_ENCODER_2);
        requireInput(file2, signatures.get(Component.TEXT_ENCODER_2), "input_ids");
        requireOutput(file2, signatures.get(Component.TEXT_ENCODER_2), "text_embeds");
        for (Component c : List.of(Component.TEXT_ENCODER, Component.TEXT_ENCODER_2)) {
            if (HiddenStates.penultimate(signatures.get(c)).isEmpty()) {
                throw new ModelFolderException(files.get(c), "no 'hidden_states.N' outputs; SDXL needs the "
                        + "penultimate hidden state (export with output_hidden_states)");
            }
        }
    }

    static void requireInput(Path file, Signature s, String name) {
        if (!s.hasInput(name)) {
            throw new ModelFolderException(file, "missing input '" + name + "'; the graph declares "
                    + Quoting.truncate(s.inputNames().toString()));
        }
    }

    private static void requireOutput(Path file, Signature s, String name) {
        if (s.output(name).isEmpty()) {
            throw new ModelFolderException(file, "missing output '" + name + "'; the graph declares "
                    + Quoting.truncate(s.outputNames().toString()));
        }
    }
}
