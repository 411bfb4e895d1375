package dev.atelier.preset;

import dev.atelier.image.AtomicFiles;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A1111's {@code styles.csv}: UTF-8 with BOM, header {@code name,prompt,negative_prompt} (the legacy
 * {@code text} column is read as {@code prompt}), rows whose name starts with {@code #} are
 * comments, and a later row replaces an earlier one with the same name (keeping its place).
 * Saving is atomic and keeps the previous file as {@code styles.csv.bak}, as A1111 does.
 */
public final class StylesCsv {
    private static final String BOM = "\uFEFF";
    private static final List<String> HEADER = List.of("name", "prompt", "negative_prompt");

    private StylesCsv() {
    }

    /**
     * Reads the presets of a {@code styles.csv} file.
     *
     * @throws IOException naming the file when it is missing, not UTF-8, lacks the name/prompt
     *                     columns, or has an unclosed quote
     */
    public static List<PromptPreset> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "styles file does not exist");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text; expected a styles.csv saved as UTF-8", e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code styles.csv} content (a leading BOM is ignored). */
    public static List<PromptPreset> parse(String text) {
        List<CsvTables.CsvRecord> rows = CsvTables.parse(text.startsWith(BOM) ? text.substring(1) : text);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.getFirst().cells().stream().map(String::strip).toList();
        int name = header.indexOf("name");
        int prompt = header.contains("prompt") ? header.indexOf("prompt") : header.indexOf("text");
        int negative = header.indexOf("negative_prompt");
        if (name < 0 || prompt < 0) {
            throw new PresetFormatException("the first line must name the columns name,prompt,negative_prompt; got "
                    + String.join(",", header));
        }
        Map<String, PromptPreset> presets = new LinkedHashMap<>();
        for (CsvTables.CsvRecord row : rows.subList(1, rows.size())) {
            String presetName = row.cell(name);
            if (presetName.isBlank() || presetName.startsWith("#")) {
                continue; // A1111 skips comments; a blank name cannot be selected
            }
            if (presetName.indexOf('\n') >= 0 || presetName.indexOf('\r') >= 0) {
                throw new PresetFormatException("row " + row.number() + ": the style name spans several lines; expected one line");
            }
            presets.put(presetName, new PromptPreset(presetName, row.cell(prompt), row.cell(negative)));
        }
        return List.copyOf(presets.values());
    }

    /** {@code styles.csv} content as A1111 writes it: BOM, header, CRLF rows, minimal quoting. */
    public static String format(List<PromptPreset> presets) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PromptPreset p : presets) {
            rows.add(List.of(p.name(), p.prompt(), p.negativePrompt()));
        }
        return BOM + CsvTables.format(rows, "\r\n");
    }

    /**
     * Saves {@code presets} to {@code file} atomically; an existing file is first copied to
     * {@code <file>.bak}.
     *
     * @throws IllegalArgumentException when two presets share a name or a name starts with {@code #}
     * @throws IOException              naming the file when its folder is missing or not writable
     */
    public static void write(Path file, List<PromptPreset> presets) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> names = new ArrayList<>();
        for (PromptPreset p : presets) {
            if (p.name().startsWith("#")) {
                throw new IllegalArgumentException("preset name '" + p.name()
                        + "' starts with '#', which styles.csv reads as a comment");
            }
            if (names.contains(p.name())) {
                throw new IllegalArgumentException("two presets are named '" + p.name() + "'; names must be unique");
            }
            names.add(p.name());
        }
        byte[] bytes = format(presets).getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file)) {
            Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
        }
        AtomicFiles.writeBytes(file, bytes);
    }
}
