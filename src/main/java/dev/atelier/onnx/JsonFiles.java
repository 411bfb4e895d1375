package dev.atelier.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
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

    /** The JSON object in {@code file}, or an empty map when the file does not exist. */
    static Map<String, Object> readOptional(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new ModelFolderException(file, "not valid JSON (" + e.getOriginalMessage() + "); expected a JSON object");
        } catch (IOException e) {
            throw new ModelFolderException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static Optional<String> string(Map<String, Object> json, String key) {
        return json.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    static Optional<Double> number(Map<String, Object> json, String key) {
        return json.get(key) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    static Optional<Integer> integer(Map<String, Object> json, String key) {
        return json.get(key) instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }

    static boolean bool(Map<String, Object> json, String key) {
        return json.get(key) instanceof Boolean b && b;
    }

    /** Length of a JSON array value, e.g. {@code block_out_channels}. */
    static Optional<Integer> listSize(Map<String, Object> json, String key) {
        return json.get(key) instanceof List<?> l ? Optional.of(l.size()) : Optional.empty();
    }

    static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }
}
