package dev.atelier.onnx;

/**
 * Generation defaults for a model: from its {@code atelier.json} when present, else 20 steps,
 * guidance 7.5 and the model's native size.
 *
 * @param steps     default number of steps
 * @param guidance  default classifier-free guidance scale
 * @param scheduler default scheduler as a CLI name ({@code euler-a}) or diffusers class, or {@code null} for the folder's own
 * @param width     default width in pixels
 * @param height    default height in pixels
 */
public record ModelDefaults(int steps, double guidance, String scheduler, int width, int height) {
    public static final int FALLBACK_STEPS = 20;
    public static final double FALLBACK_GUIDANCE = 7.5;

    public ModelDefaults {
        if (steps < 1 || guidance < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("invalid model defaults: steps " + steps + ", guidance " + guidance
                    + ", size " + width + "x" + height);
        }
    }
}
