package dev.atelier.compare;

import dev.atelier.pipeline.GenerationRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything one grid cell is generated from. The request's prompt and negative prompt always
 * follow {@link #prompt} (set in the constructor), so the two cannot disagree; an empty negative
 * field means "no negative prompt" ({@code null}), as a plain {@code generate} without one.
 *
 * @param model  the model folder, as the user named it
 * @param request the generation settings
 * @param prompt  the structured fields the request's prompts are assembled from
 */
public record CellSettings(String model, GenerationRequest request, StructuredPrompt prompt) {
    public CellSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a grid cell needs a model folder");
        }
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(prompt, "prompt");
        String negative = prompt.negative().isEmpty() ? null : prompt.negative();
        request = request.withPrompt(prompt.positive()).withNegativePrompt(negative);
    }

    /** The model folder's name, as the history, the provenance label and the parameters text name the model. */
    public String modelName() {
        return folderName(model);
    }

    /** The name of the model folder {@code model} (the folder as the user named it). */
    public static String folderName(String model) {
        java.nio.file.Path name = java.nio.file.Path.of(model).toAbsolutePath().normalize().getFileName();
        return name == null ? model : name.toString();
    }

    public CellSettings withModel(String value) {
        return new CellSettings(value, request, prompt);
    }

    public CellSettings withRequest(UnaryOperator<GenerationRequest> change) {
        return new CellSettings(model, change.apply(request), prompt);
    }

    public CellSettings withPrompt(StructuredPrompt value) {
        return new CellSettings(model, request, value);
    }

    /** The settings as canonical JSON: sorted keys, no whitespace, the form {@link #hash()} digests. */
    public String canonicalJson() {
        return ManifestJson.canonical(this);
    }

    /** Lower-case hex SHA-256 of {@link #canonicalJson()}: equal settings, equal hash, on any machine. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether this cell encodes the same prompts as {@code other} (the encoding can be shared). */
    public boolean samePromptAs(CellSettings other) {
        return model.equals(other.model) && request.prompt().equals(other.request.prompt())
                && Objects.equals(request.negativePrompt(), other.request.negativePrompt());
    }
}
