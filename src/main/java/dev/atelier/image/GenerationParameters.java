package dev.atelier.image;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The generation settings stored in a PNG's {@code parameters} text (A1111 "infotext").
 * {@link #format()} writes exactly A1111 v1.10's layout, {@link #parse(String)} reads A1111, Forge
 * and Fooocus texts (and InvokeAI's metadata JSON) back.
 *
 * <p>As in A1111, a setting that is {@code null} is absent: it is not written and was not found.
 *
 * @param prompt         positive prompt, may contain newlines; never null
 * @param negativePrompt negative prompt; {@code ""} when there is none (null is turned into "")
 * @param steps          sampling steps, at least 1
 * @param sampler        A1111 sampler label, e.g. {@code DPM++ 2M} (see {@link SamplerLabel})
 * @param scheduleType   A1111 schedule label, e.g. {@code Karras}; absent in pre-1.8 texts
 * @param cfgScale       classifier-free guidance scale
 * @param seed           the resolved seed
 * @param width          image width; present exactly when {@code height} is
 * @param height         image height
 * @param modelName      checkpoint name, e.g. {@code v1-5-pruned-emaonly}
 * @param modelHash      first 10 hex digits of the checkpoint's SHA-256 (8 in old texts)
 * @param extras         every other key in text order (e.g. {@code Clip skip}, {@code Version});
 *                       unmodifiable
 */
public record GenerationParameters(String prompt, String negativePrompt, Integer steps, String sampler,
                                   String scheduleType, Double cfgScale, Long seed, Integer width,
                                   Integer height, String modelName, String modelHash,
                                   Map<String, String> extras) {

    public GenerationParameters {
        Objects.requireNonNull(prompt, "prompt");
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (cfgScale != null && !Double.isFinite(cfgScale)) {
            throw new IllegalArgumentException("CFG scale must be a finite number, got " + cfgScale);
        }
        if ((width == null) != (height == null)) {
            throw new IllegalArgumentException("width and height must be given together, got "
                    + width + "x" + height);
        }
        if (width != null && (width < 1 || height < 1)) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        Infotext.checkValue("Sampler", sampler);
        Infotext.checkValue("Schedule type", scheduleType);
        Infotext.checkValue("Model", modelName);
        Infotext.checkValue("Model hash", modelHash);
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(extras, "extras").forEach((key, value) -> {
            Infotext.checkExtraKey(key);
            Infotext.checkValue(key, Objects.requireNonNull(value, () -> "value of '" + key + "'"));
            copy.put(key, value);
        });
        extras = Collections.unmodifiableMap(copy);
    }

    /** The A1111 {@code parameters} text, byte for byte as A1111 v1.10's {@code create_infotext}. */
    public String format() {
        return Infotext.format(this);
    }

    /**
     * Reads a {@code parameters} text (A1111, Forge, Fooocus' a1111 scheme) or an InvokeAI
     * {@code invokeai_metadata} JSON object.
     *
     * @throws IllegalArgumentException naming the key when a known value is malformed
     *                                  (e.g. {@code Steps: many}, {@code Size: 512})
     */
    public static GenerationParameters parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}") && InvokeAiMetadata.isJsonObject(trimmed)) {
            return InvokeAiMetadata.parse(trimmed);
        }
        return Infotext.parse(text); // also "{red|blue} car"-style prompts that are not JSON
    }

    /** The nearest Atelier scheduler CLI name for {@link #sampler()}/{@link #scheduleType()}. */
    public Optional<String> schedulerCliName() {
        return SamplerLabel.fromLabels(sampler, scheduleType).map(SamplerLabel::cliName);
    }

    /** A builder holding this record's values, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.prompt = prompt;
        b.negativePrompt = negativePrompt;
        b.steps = steps;
        b.sampler = sampler;
        b.scheduleType = scheduleType;
        b.cfgScale = cfgScale;
        b.seed = seed;
        b.width = width;
        b.height = height;
        b.modelName = modelName;
        b.modelHash = modelHash;
        b.extras.putAll(extras);
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link GenerationParameters}; anything not set stays absent. */
    public static final class Builder {
        private String prompt = "";
        private String negativePrompt = "";
        private Integer steps;
        private String sampler;
        private String scheduleType;
        private Double cfgScale;
        private Long seed;
        private Integer width;
        private Integer height;
        private String modelName;
        private String modelHash;
        private final Map<String, String> extras = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder prompt(String value) {
            prompt = value;
            return this;
        }

        public Builder negativePrompt(String value) {
            negativePrompt = value;
            return this;
        }

        public Builder steps(int value) {
            steps = value;
            return this;
        }

        /** Sets the A1111 labels directly. */
        public Builder sampler(String samplerLabel, String scheduleTypeLabel) {
            sampler = samplerLabel;
            scheduleType = scheduleTypeLabel;
            return this;
        }

        /** Sets the A1111 labels for an Atelier scheduler CLI name such as {@code dpmpp-2m-karras}. */
        public Builder scheduler(String cliName) {
            SamplerLabel label = SamplerLabel.fromCliName(cliName).orElseThrow(() ->
                    new IllegalArgumentException("unknown scheduler '" + cliName + "', expected one of "
                            + Arrays.stream(SamplerLabel.values()).map(SamplerLabel::cliName).toList()));
            return sampler(label.sampler(), label.scheduleType());
        }

        public Builder cfgScale(double value) {
            cfgScale = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        /** Model name and optional hash ({@code null} = not written). */
        public Builder model(String name, String hash) {
            modelName = name;
            modelHash = hash;
            return this;
        }

        /** Adds or replaces an extra key (e.g. {@code Clip skip}, {@code Version}); null value removes it. */
        public Builder extra(String key, String value) {
            if (value == null) {
                extras.remove(key);
            } else {
                extras.put(key, value);
            }
            return this;
        }

        public GenerationParameters build() {
            return new GenerationParameters(prompt, negativePrompt, steps, sampler, scheduleType, cfgScale,
                    seed, width, height, modelName, modelHash, extras);
        }
    }
}
