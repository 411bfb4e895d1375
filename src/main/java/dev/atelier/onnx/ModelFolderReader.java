package dev.atelier.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validation and reading behind {@link ModelFolder#open}: one clear message per broken folder. */
final class ModelFolderReader {
    static final Set<String> UNET_INPUTS = Set.of("sample", "timestep", "encoder_hidden_states",
            "text_embeds", "time_ids", "timestep_cond");
    private static final List<String> UNET_REQUIRED = List.of("sample", "timestep", "encoder_hidden_states");

    private ModelFolderReader() {
    }

    static ModelFolder read(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ModelFolderException(root, "not a folder; expected a diffusers ONNX model folder "
                    + "(model_index.json, scheduler/, tokenizer/, text_encoder/, unet/, vae_decoder/)");
        }
        Map<String, Object> modelIndex = JsonFiles.readOptional(root.resolve("model_index.json"));
        Path schedulerFile = root.resolve("scheduler").resolve("scheduler_config.json");
        if (!Files.isRegularFile(schedulerFile)) {
            throw new ModelFolderException(schedulerFile, "file is missing; expected the diffusers scheduler config");
        }
        Map<String, Object> scheduler = JsonFiles.readOptional(schedulerFile);
        Map<Component, Path> files = new EnumMap<>(Component.class);
        Map<Component, Signature> signatures = new EnumMap<>(Component.class);
        for (Component c : List.of(Component.TEXT_ENCODER, Component.UNET, Component.VAE_DECODER)) {
            scanInto(root, c, files, signatures);
        }
        if (Files.exists(root.resolve(Component.TEXT_ENCODER_2.dirName()))) {
            scanInto(root, Component.TEXT_ENCODER_2, files, signatures);
        }
        requireTokenizer(root, Component.TOKENIZER);
        Signature unet = signatures.get(Component.UNET);
        checkUnet(files.get(Component.UNET), unet);
        requireInput(files.get(Component.VAE_DECODER), signatures.get(Component.VAE_DECODER), "latent_sample");
        requireInput(files.get(Component.TEXT_ENCODER), signatures.get(Component.TEXT_ENCODER), "input_ids");

        Map<String, Object> textEncoderConfig = JsonFiles.readOptional(root.resolve("text_encoder").resolve("config.json"));
        ModelFamily family = FamilyDetector.detect(root, modelIndex, scheduler, textEncoderConfig, unet);
        if (unet.hasInput("text_embeds") && unet.hasInput("time_ids")) {
            checkXlEncoders(root, files, signatures);
        } else {
            requireOutput(files.get(Component.TEXT_ENCODER), signatures.get(Component.TEXT_ENCODER), "last_hidden_state");
        }
        Map<String, Object> unetConfig = JsonFiles.readOptional(root.resolve("unet").resolve("config.json"));
        Map<String, Object> vaeConfig = JsonFiles.readOptional(root.resolve("vae_decoder").resolve("config.json"));
        Map<String, Object> atelier = JsonFiles.readOptional(root.resolve("atelier.json"));
        ModelGeometry geometry = geometry(family, unet, unetConfig, vaeConfig, atelier);
        ModelDefaults defaults = defaults(root, atelier, geometry);
        String prediction = JsonFiles.string(scheduler, "prediction_type").orElse("epsilon");
        return new ModelFolder(root, family, prediction, modelIndex, scheduler, unetConfig, files, signatures,
                geometry, defaults);
    }

    private static void scanInto(Path root, Component c, Map<Component, Path> files, Map<Component, Signature> signatures) {
        Path file = root.resolve(c.dirName()).resolve("model.onnx");
        if (!Files.isRegularFile(file)) {
            throw new ModelFolderException(file, "file is missing; expected the " + c.dirName() + " ONNX graph");
        }
        OnnxFileScanner.Scan scan = OnnxFileScanner.scan(file);
        ExternalDataGuard.check(root, file, scan.externalLocations());
        files.put(c, file);
        signatures.put(c, scan.signature());
    }

    private static void requireTokenizer(Path root, Component c) {
        Path dir = root.resolve(c.dirName());
        boolean bpe = Files.isRegularFile(dir.resolve("vocab.json")) && Files.isRegularFile(dir.resolve("merges.txt"));
        if (!bpe && !Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            throw new ModelFolderException(dir, "tokenizer is missing; expected vocab.json and merges.txt "
                    + "(or tokenizer.json) in this folder");
        }
    }

    private static void checkUnet(Path file, Signature unet) {
        for (String name : UNET_REQUIRED) {
            requireInput(file, unet, name);
        }
        for (String name : unet.inputNames()) {
            if (!UNET_INPUTS.contains(name)) {
                throw new ModelFolderException(file, "unknown U-Net input '" + name + "'; expected only "
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

    private static void checkXlEncoders(Path root, Map<Component, Path> files, Map<Component, Signature> signatures) {
        if (!files.containsKey(Component.TEXT_ENCODER_2)) {
            throw new ModelFolderException(root.resolve("text_encoder_2").resolve("model.onnx"),
                    "file is missing; an SDXL U-Net (text_embeds, time_ids) needs the second text encoder");
        }
        requireTokenizer(root, Component.TOKENIZER_2);
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
                    + s.inputNames());
        }
    }

    private static void requireOutput(Path file, Signature s, String name) {
        if (s.output(name).isEmpty()) {
            throw new ModelFolderException(file, "missing output '" + name + "'; the graph declares "
                    + s.outputNames());
        }
    }

    private static ModelGeometry geometry(ModelFamily family, Signature unet, Map<String, Object> unetConfig,
                                          Map<String, Object> vaeConfig, Map<String, Object> atelier) {
        int vaeScale = 1 << (JsonFiles.listSize(vaeConfig, "block_out_channels").orElse(4) - 1);
        float scaling = JsonFiles.number(vaeConfig, "scaling_factor").map(Double::floatValue)
                .orElse(family.defaultScalingFactor());
        TensorSpec sample = unet.input("sample").orElseThrow();
        int channels = sample.dim(1) > 0 ? (int) sample.dim(1)
                : JsonFiles.integer(unetConfig, "in_channels").orElse(4);
        int unetDown = 1 << (JsonFiles.listSize(unetConfig, "block_out_channels").orElse(4) - 1);
        int multiple = JsonFiles.integer(atelier, "size_multiple")
                .or(() -> JsonFiles.integer(unetConfig, "size_multiple"))
                .orElse(vaeScale * unetDown);
        int fallback = family.isXl() && family != ModelFamily.SDXL_TURBO ? 1024 : 512;
        int sampleW = JsonFiles.integer(unetConfig, "sample_size").map(s -> s * vaeScale)
                .orElse(sample.dim(3) > 0 ? (int) sample.dim(3) * vaeScale : fallback);
        int sampleH = JsonFiles.integer(unetConfig, "sample_size").map(s -> s * vaeScale)
                .orElse(sample.dim(2) > 0 ? (int) sample.dim(2) * vaeScale : fallback);
        return new ModelGeometry(channels, vaeScale, scaling, multiple, sampleW, sampleH);
    }

    private static ModelDefaults defaults(Path root, Map<String, Object> atelier, ModelGeometry g) {
        try {
            return new ModelDefaults(
                    JsonFiles.integer(atelier, "default_steps").orElse(ModelDefaults.FALLBACK_STEPS),
                    JsonFiles.number(atelier, "default_guidance").orElse(ModelDefaults.FALLBACK_GUIDANCE),
                    JsonFiles.string(atelier, "default_scheduler").orElse(null),
                    JsonFiles.integer(atelier, "width").orElse(g.sampleWidth()),
                    JsonFiles.integer(atelier, "height").orElse(g.sampleHeight()));
        } catch (IllegalArgumentException e) {
            throw new ModelFolderException(root.resolve("atelier.json"), e.getMessage());
        }
    }
}
