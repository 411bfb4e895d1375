package dev.atelier.onnx;

import dev.atelier.files.Quoting;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the model family from {@code model_index.json}, the configs and the U-Net's declared
 * inputs. The signature decides how the model is conditioned; the pipeline class only rules out
 * models Atelier cannot run. Rules are listed in docs/ENGINE.md.
 */
final class FamilyDetector {
    /** diffusers/optimum pipeline classes (prefixes Onnx/ORT stripped) and Atelier's view of them. */
    private static final Set<String> SD_CLASSES = Set.of("StableDiffusionPipeline",
            "StableDiffusionImg2ImgPipeline", "StableDiffusionXLPipeline", "StableDiffusionXLImg2ImgPipeline",
            "LatentConsistencyModelPipeline", "LatentConsistencyModelImg2ImgPipeline");

    private FamilyDetector() {
    }

    static ModelFamily detect(Path root, Map<String, Object> modelIndex, Map<String, Object> scheduler,
                              Map<String, Object> textEncoderConfig, Signature unet) {
        JsonFiles.string(modelIndex, "_class_name").ifPresent(cls -> checkPipelineClass(root, cls));
        String spacing = JsonFiles.string(scheduler, "timestep_spacing").orElse("");
        String schedulerClass = JsonFiles.string(scheduler, "_class_name").orElse("");
        boolean trailing = spacing.equals("trailing") && schedulerClass.startsWith("Euler");
        boolean xl = unet.hasInput("text_embeds") && unet.hasInput("time_ids");
        if (unet.hasInput("timestep_cond") || schedulerClass.equals("LCMScheduler")) {
            return ModelFamily.LCM;
        }
        if (xl) {
            return trailing ? ModelFamily.SDXL_TURBO : ModelFamily.SDXL;
        }
        if (trailing) {
            return ModelFamily.SD_TURBO;
        }
        return isSd2(scheduler, textEncoderConfig, unet) ? ModelFamily.SD2 : ModelFamily.SD1;
    }

    /** SD 2.x: v-prediction, or OpenCLIP's text encoder (gelu, 1024 wide) instead of OpenAI CLIP's. */
    private static boolean isSd2(Map<String, Object> scheduler, Map<String, Object> textEncoderConfig, Signature unet) {
        if (JsonFiles.string(scheduler, "prediction_type").orElse("epsilon").equals("v_prediction")) {
            return true;
        }
        if (JsonFiles.string(textEncoderConfig, "hidden_act").orElse("").equals("gelu")) {
            return true;
        }
        return unet.input("encoder_hidden_states").map(t -> t.rank() == 3 && t.dim(2) == 1024).orElse(false);
    }

    private static void checkPipelineClass(Path root, String cls) {
        String bare = cls.replaceFirst("^(ORT|Onnx|OnnxRuntime)", "");
        if (!SD_CLASSES.contains(bare)) {
            throw new ModelFolderException(root.resolve("model_index.json"), "unknown model family " + Quoting.quote(cls)
                    + "; expected one of " + List.copyOf(new java.util.TreeSet<>(SD_CLASSES))
                    + " (SD 1.x, SD 2.x, SDXL, Turbo, LCM; optionally with an ORT/Onnx prefix)");
        }
    }
}
