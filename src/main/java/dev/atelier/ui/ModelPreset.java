package dev.atelier.ui;

import dev.atelier.onnx.ModelFolder;
import dev.atelier.scheduler.SchedulerKind;

/**
 * The controls a model starts with (from {@code onnx.ModelFolder}: its {@code atelier.json} and
 * geometry) and the image sizes the window offers for it.
 *
 * @param scheduler       CLI name of the scheduler atelier.json asks for, or null for the model's own
 * @param nativeScheduler CLI name of the model's own scheduler (its scheduler_config), or null if unknown
 */
public record ModelPreset(int steps, double guidance, String scheduler, int width, int height, int sizeMultiple,
                          String nativeScheduler) {

    public ModelPreset {
        if (steps < 1 || width < 1 || height < 1 || sizeMultiple < 1) {
            throw new IllegalArgumentException("model defaults must be positive, got steps=" + steps
                    + " size=" + width + "x" + height + " multiple=" + sizeMultiple);
        }
    }

    /** What the window assumes before a model is read, or when its folder is broken. */
    public static ModelPreset fallback() {
        return new ModelPreset(20, 7.5, null, 512, 512, 8, null);
    }

    public static ModelPreset of(ModelFolder folder) {
        var d = folder.defaults();
        return new ModelPreset(d.steps(), d.guidance(), cliScheduler(d.scheduler()), d.width(), d.height(),
                folder.geometry().sizeMultiple(), cliScheduler(folder.schedulerClass()));
    }

    /** atelier.json may name a scheduler by CLI name or diffusers class; the picker lists CLI names. */
    static String cliScheduler(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return SchedulerKind.fromCliName(name).cliName();
        } catch (IllegalArgumentException e) {
            return SchedulerKind.fromDiffusersClass(name).map(SchedulerKind::cliName).orElse(null);
        }
    }

    /** Smallest size offered: a quarter of the native size, at least one multiple. */
    public int minSize() {
        return roundDown(Math.min(width, height) / 4);
    }

    /** Largest size offered: twice the native size (models degrade quickly beyond it). */
    public int maxSize() {
        return roundDown(Math.max(width, height) * 2);
    }

    /** {@code value} rounded to the nearest multiple and clamped to the limits. */
    public int clampSize(int value) {
        int rounded = Math.round((float) value / sizeMultiple) * sizeMultiple;
        return Math.max(minSize(), Math.min(maxSize(), rounded));
    }

    private int roundDown(int v) {
        return Math.max(sizeMultiple, v / sizeMultiple * sizeMultiple);
    }
}
