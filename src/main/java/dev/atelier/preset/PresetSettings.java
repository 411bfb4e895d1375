package dev.atelier.preset;

/**
 * Generation settings a preset may carry; each is {@code null} when the preset leaves it as it is.
 *
 * @param modelFamily e.g. {@code sd15}; free text, not checked against installed models
 * @param scheduler   Atelier scheduler CLI name, e.g. {@code dpmpp-2m-karras}
 */
public record PresetSettings(String modelFamily, String scheduler, Integer steps, Double guidance,
                             Integer width, Integer height) {
    public static final PresetSettings NONE = new PresetSettings(null, null, null, null, null, null);

    public PresetSettings {
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("preset steps must be at least 1, got " + steps);
        }
        if (guidance != null && !(guidance >= 0 && Double.isFinite(guidance))) {
            throw new IllegalArgumentException("preset guidance must be a number >= 0, got " + guidance);
        }
        if ((width == null) != (height == null)) {
            throw new IllegalArgumentException("preset width and height must be given together, got " + width + "x" + height);
        }
        if (width != null && (width < 8 || height < 8)) {
            throw new IllegalArgumentException("preset size must be at least 8x8, got " + width + "x" + height);
        }
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
