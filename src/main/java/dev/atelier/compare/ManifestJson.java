package dev.atelier.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.atelier.image.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Grid manifests as JSON. Reading refuses a newer schema and a manifest whose cells no longer
 * match their settings hashes, each with one message saying what to do.
 */
public final class ManifestJson {
    // immutable once built: configured here and only used to read and write
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ManifestJson() {
    }

    public static String toJson(GridManifest manifest) {
        try {
            return MAPPER.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest always serialises", e);
        }
    }

    /** Writes {@code manifest} atomically (no partial file on failure). */
    public static void write(GridManifest manifest, Path file) throws IOException {
        AtomicFiles.writeBytes(file, toJson(manifest).getBytes(StandardCharsets.UTF_8));
    }

    public static GridManifest read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "grid manifest does not exist");
        }
        return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses a manifest; {@code source} names it in messages (a file or a grid PNG). */
    public static GridManifest fromJson(String json, String source) throws ManifestException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ManifestException(source + " is not a grid manifest: not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        JsonNode version = tree == null ? null : tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new ManifestException(source + " is not a grid manifest: it has no schemaVersion");
        }
        if (version.intValue() > GridManifest.SCHEMA_VERSION) {
            throw new ManifestException(source + " was written by a newer Atelier (manifest schema " + version.intValue()
                    + "); this version reads schema " + GridManifest.SCHEMA_VERSION + " and older. Update Atelier.");
        }
        GridManifest manifest;
        try {
            manifest = MAPPER.treeToValue(tree, GridManifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable why = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String message = why instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : why.getMessage();
            throw new ManifestException(source + " is not a valid grid manifest: " + message, e);
        }
        List<String> edited = manifest.handEdits();
        if (!edited.isEmpty()) {
            throw new ManifestException(source + " was edited by hand: " + edited.get(0)
                    + " no longer match the recorded hashes. Undo the edit, or start a new grid with the new settings.");
        }
        return manifest;
    }

    /** The settings as sorted-key compact JSON: the stable form a settings hash is taken of. */
    static String canonical(CellSettings settings) {
        try {
            return CANONICAL.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings always serialise", e);
        }
    }
}
