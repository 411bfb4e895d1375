package dev.atelier.onnx;

import dev.atelier.files.CheckedFiles;
import dev.atelier.files.FileRefusedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A validated diffusers/optimum ONNX model folder: its files, configs, every graph's declared
 * signature and the detected family. Opening reads no weights; sessions are created by
 * {@link SessionCache}.
 */
public final class ModelFolder {
    private final Path root;
    private final ModelFamily family;
    private final String predictionType;
    private final Map<String, Object> modelIndex;
    private final Map<String, Object> schedulerConfig;
    private final Map<String, Object> unetConfig;
    private final Map<Component, Path> onnxFiles;
    private final Map<Component, Signature> signatures;
    private final ModelGeometry geometry;
    private final ModelDefaults defaults;

    ModelFolder(Path root, ModelFamily family, String predictionType, Map<String, Object> modelIndex,
                Map<String, Object> schedulerConfig, Map<String, Object> unetConfig,
                Map<Component, Path> onnxFiles, Map<Component, Signature> signatures,
                ModelGeometry geometry, ModelDefaults defaults) {
        this.root = root;
        this.family = family;
        this.predictionType = predictionType;
        this.modelIndex = Collections.unmodifiableMap(modelIndex);
        this.schedulerConfig = Collections.unmodifiableMap(schedulerConfig);
        this.unetConfig = Collections.unmodifiableMap(unetConfig);
        this.onnxFiles = Collections.unmodifiableMap(new EnumMap<>(onnxFiles));
        this.signatures = Collections.unmodifiableMap(new EnumMap<>(signatures));
        this.geometry = geometry;
        this.defaults = defaults;
    }

    /** Opens and validates {@code dir}; throws {@link ModelFolderException} naming the first problem found. */
    public static ModelFolder open(Path dir) {
        return ModelFolderReader.read(dir);
    }

    /** The folder, as an absolute normalised path. */
    public Path root() {
        return root;
    }

    /** The folder's last path segment, used as the model name. */
    public String name() {
        return root.getFileName() == null ? root.toString() : root.getFileName().toString();
    }

    public ModelFamily family() {
        return family;
    }

    /** {@code prediction_type} from the scheduler config: {@code epsilon}, {@code v_prediction} or {@code sample}. */
    public String predictionType() {
        return predictionType;
    }

    /** {@code model_index.json} (empty when the folder has none). */
    public Map<String, Object> modelIndex() {
        return modelIndex;
    }

    /** {@code scheduler/scheduler_config.json} as published. */
    public Map<String, Object> schedulerConfig() {
        return schedulerConfig;
    }

    /** The diffusers scheduler class the folder names (e.g. {@code PNDMScheduler}). */
    public String schedulerClass() {
        return JsonFiles.string(schedulerConfig, "_class_name").orElse("PNDMScheduler");
    }

    public Map<String, Object> unetConfig() {
        return unetConfig;
    }

    /** {@code force_zeros_for_empty_prompt}: an absent negative prompt becomes zero embeddings (SDXL). */
    public boolean forceZerosForEmptyPrompt() {
        return JsonFiles.bool(modelIndex, "force_zeros_for_empty_prompt");
    }

    public boolean has(Component component) {
        return component.isOnnx() ? onnxFiles.containsKey(component) : Files.isDirectory(dir(component));
    }

    /** The component's sub-folder (it may not exist for optional components). */
    public Path dir(Component component) {
        return root.resolve(component.dirName());
    }

    public Path onnxFile(Component component) {
        Path p = onnxFiles.get(component);
        if (p == null) {
            throw new ModelFolderException(dir(component).resolve("model.onnx"), "this model has no " + component.dirName());
        }
        return p;
    }

    /** The declared signature of a graph component, as read from its ONNX file. */
    public Signature signature(Component component) {
        Signature s = signatures.get(component);
        if (s == null) {
            throw new ModelFolderException(dir(component).resolve("model.onnx"), "this model has no " + component.dirName());
        }
        return s;
    }

    public Map<Component, Signature> signatures() {
        return signatures;
    }

    public ModelGeometry geometry() {
        return geometry;
    }

    public ModelDefaults defaults() {
        return defaults;
    }

    /** SDXL-style conditioning: the U-Net takes {@code text_embeds} and {@code time_ids}. */
    public boolean usesXlConditioning() {
        Signature unet = signature(Component.UNET);
        return unet.hasInput("text_embeds") && unet.hasInput("time_ids");
    }

    /** LCM-style guidance embedding: the U-Net takes {@code timestep_cond}. */
    public boolean usesGuidanceEmbedding() {
        return signature(Component.UNET).hasInput("timestep_cond");
    }

    /**
     * Atelier's optional {@code latent_preview.json}.
     *
     * @throws ModelFolderException when it is there but resolves outside the folder, is not a regular file
     *                              or is larger than a config can be
     */
    public Optional<Path> latentPreviewFile() {
        Path p = root.resolve("latent_preview.json");
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        try {
            CheckedFiles.regularFileInside(CheckedFiles.realFolder(root), p, CheckedFiles.MAX_CONFIG_BYTES);
        } catch (FileRefusedException e) {
            throw new ModelFolderException(p, e.reason() + "; expected Atelier's latent preview table");
        }
        return Optional.of(p);
    }

    @Override
    public String toString() {
        return name() + " (" + family.label() + ")";
    }
}
