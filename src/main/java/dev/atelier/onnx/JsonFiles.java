package dev.atelier.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.atelier.files.CheckedFiles;
import dev.atelier.files.FileRefusedException;
import dev.atelier.files.Quoting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading the small JSON configs of a model folder, with errors that name the file. */
final class JsonFiles {
    // the same leniency as SchedulerConfig: diffusers writes -Infinity (lambda_min_clipped), and the folder
    // reader must not refuse a scheduler config that the scheduler itself accepts
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonFiles() {
    }

    /**
     * The JSON object in {@code file}, or an empty map when nothing is there (a dangling link counts as
     * nothing). The file must resolve inside {@code realRoot}, be a regular file and at most
     * {@link CheckedFiles#MAX_CONFIG_BYTES}.
     */
    static Map<String, Object> readOptional(Path realRoot, Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || (Files.isSymbolicLink(file) && !Files.exists(file))) {
            return Map.of();
        }
        byte[] bytes;
        try {
            Path real = CheckedFiles.regularFileInside(realRoot, file, CheckedFiles.MAX_CONFIG_BYTES);
            bytes = CheckedFiles.readAll(file, real, CheckedFiles.MAX_CONFIG_BYTES);
        } catch (FileRefusedException e) {
            throw new ModelFolderException(file, e.reason() + "; expected a JSON config file");
        }
        Map<String, Object> json;
        try {
            json = MAPPER.readValue(bytes, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new ModelFolderException(file, "not valid JSON (" + Quoting.truncate(e.getOriginalMessage())
                    + "); expected a JSON object");
        } catch (IOException e) {
            throw new ModelFolderException(file, "cannot be read (" + Quoting.truncate(e.getMessage()) + ")", e);
        }
        if (json == null) {
            throw new ModelFolderException(file, "holds null; expected a JSON object");
        }
        return json;
    }

    static Optional<String> string(Map<String, Object> json, String key) {
        return json.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * An integer setting in {@code [min, max]}; empty when absent or {@code null} (diffusers: the default).
     *
     * @throws ModelFolderException naming the file and key for any other value
     */
    static Optional<Integer> integer(Path file, Map<String, Object> json, String key, int min, int max) {
        Object v = json.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= min && n.doubleValue() <= max) {
            return Optional.of(n.intValue());
        }
        throw outOfRange(file, key, v, "an integer from " + min + " to " + max);
    }

    /** A number setting in {@code [min, max]} (never NaN); empty when absent or {@code null}. */
    static Optional<Double> number(Path file, Map<String, Object> json, String key, double min, double max) {
        Object v = json.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) {
            return Optional.of(n.doubleValue());
        }
        throw outOfRange(file, key, v, "a number from " + min + " to " + max);
    }

    /** Length of a JSON array setting, e.g. {@code block_out_channels}, in {@code [min, max]}. */
    static Optional<Integer> listSize(Path file, Map<String, Object> json, String key, int min, int max) {
        Object v = json.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof List<?> l && l.size() >= min && l.size() <= max) {
            return Optional.of(l.size());
        }
        String shown = v instanceof List<?> l ? "a list of " + l.size() : shown(v);
        throw problem(file, key, shown, "a list of " + min + " to " + max + " entries");
    }

    private static ModelFolderException outOfRange(Path file, String key, Object value, String expected) {
        return problem(file, key, shown(value), expected);
    }

    private static ModelFolderException problem(Path file, String key, String shown, String expected) {
        return new ModelFolderException(file, "\"" + key + "\" is " + shown + "; expected " + expected);
    }

    private static String shown(Object value) {
        return value instanceof String s ? Quoting.quote(s) : Quoting.truncate(String.valueOf(value));
    }

    static boolean bool(Map<String, Object> json, String key) {
        return json.get(key) instanceof Boolean b && b;
    }

    static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }
}
