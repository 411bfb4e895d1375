package dev.atelier.ui.app;

import dev.atelier.ui.composer.PromptFields;

import java.util.List;
import java.util.Objects;

/**
 * Everything the window remembers between runs. Stored as JSON; unknown keys are ignored and missing
 * ones take the defaults, so old files keep loading.
 *
 * @param modelDir       the selected model folder, or null for the embedded model
 * @param userModelDirs  model folders the user added to the picker
 * @param scheduler      CLI scheduler name, or null for the model's default
 * @param device         "CPU" or "CUDA"
 * @param windowX        the window's last left edge, or null (centre it)
 * @param windowY        the window's last top edge, or null (centre it)
 * @param memoryBudget   the memory budget as typed ("6G"), or null for the default share of the RAM
 * @param hiddenModelDirs broken model folders under the models root the user hid from the picker
 */
public record Settings(String modelDir, List<String> userModelDirs, String scheduler, int steps, double guidance,
                       long seed, boolean seedLocked, int width, int height, String device, PromptFields prompt,
                       double windowWidth, double windowHeight, Double windowX, Double windowY,
                       String memoryBudget, List<String> hiddenModelDirs) {

    public Settings {
        userModelDirs = userModelDirs == null ? List.of() : List.copyOf(userModelDirs);
        hiddenModelDirs = hiddenModelDirs == null ? List.of() : List.copyOf(hiddenModelDirs);
        device = Objects.requireNonNullElse(device, "CPU");
        prompt = Objects.requireNonNullElse(prompt, PromptFields.empty());
    }

    /** Settings without a memory budget or hidden models (the defaults for both). */
    public Settings(String modelDir, List<String> userModelDirs, String scheduler, int steps, double guidance,
                    long seed, boolean seedLocked, int width, int height, String device, PromptFields prompt,
                    double windowWidth, double windowHeight, Double windowX, Double windowY) {
        this(modelDir, userModelDirs, scheduler, steps, guidance, seed, seedLocked, width, height, device, prompt,
                windowWidth, windowHeight, windowX, windowY, null, List.of());
    }

    /** Fresh-install settings: zeros mean "take the model's defaults". */
    public static Settings defaults() {
        return new Settings(null, List.of(), null, 0, 0, 0, false, 0, 0, "CPU", PromptFields.empty(),
                WindowPlacement.DEFAULT_WIDTH, WindowPlacement.DEFAULT_HEIGHT, null, null);
    }
}
