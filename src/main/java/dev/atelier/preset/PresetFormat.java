package dev.atelier.preset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The preset exchange formats Atelier reads and writes (docs/FORMATS.md). Reading is
 * all-or-nothing: one bad row throws {@link PresetFormatException} naming it, and nothing is returned.
 */
public enum PresetFormat {
    /** A1111/Forge {@code styles.csv}. */
    A1111("a1111"),
    /** Fooocus {@code sdxl_styles/*.json}: an array of {name, prompt, negative_prompt}. */
    FOOOCUS("fooocus"),
    /** InvokeAI prompt templates CSV (name, prompt|positive_prompt, negative_prompt). */
    INVOKEAI_CSV("invokeai-csv"),
    /** InvokeAI prompt templates JSON list. */
    INVOKEAI_JSON("invokeai-json"),
    /** SwarmUI preset JSON (one preset object, or an object of them keyed by title). */
    SWARMUI("swarmui"),
    /** Atelier's own versioned JSON, lossless for every preset field. */
    ATELIER("atelier");

    private final String cliName;

    PresetFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Optional<PresetFormat> fromCliName(String name) {
        for (PresetFormat f : values()) {
            if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The join rule of presets read from this format. */
    public JoinRule joinRule() {
        return switch (this) {
            case A1111, ATELIER -> JoinRule.A1111;
            case FOOOCUS -> JoinRule.FOOOCUS;
            case INVOKEAI_CSV, INVOKEAI_JSON -> JoinRule.INVOKEAI;
            case SWARMUI -> JoinRule.SWARMUI;
        };
    }

    /**
     * The format of {@code text}, judged by content, not file name: JSON by its shape and keys, CSV
     * by its header ({@code positive_prompt} → InvokeAI, otherwise A1111, whose header InvokeAI's
     * own export shares).
     */
    public static PresetFormat detect(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            throw new PresetFormatException("the file is empty; expected a styles CSV or a presets JSON file");
        }
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return PresetJson.detect(trimmed);
        }
        String header = trimmed.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
        if (!header.contains("name")) {
            throw new PresetFormatException("unknown preset format: the first line '" + abbreviate(header)
                    + "' is neither a CSV header with a 'name' column nor JSON");
        }
        return header.contains("positive_prompt") ? INVOKEAI_CSV : A1111;
    }

    /** The presets in {@code text}, in file order. */
    public List<Preset> read(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.isBlank()) {
            throw new PresetFormatException("the file is empty; expected " + this + " presets");
        }
        return switch (this) {
            case A1111 -> StylesCsv.parse(body).stream()
                    .map(p -> Preset.style(p.name(), p.prompt(), p.negativePrompt(), JoinRule.A1111)).toList();
            case INVOKEAI_CSV -> readInvokeAiCsv(body);
            case FOOOCUS, INVOKEAI_JSON, SWARMUI -> PresetJson.readTool(this, body);
            case ATELIER -> PresetJson.readAtelier(body);
        };
    }

    /** {@code presets} in this format; formats that know one positive text get the assembled prompt. */
    public String write(List<Preset> presets) {
        return switch (this) {
            case A1111 -> StylesCsv.format(presets.stream()
                    .map(p -> new PromptPreset(p.name(), p.prompt().positive(), p.prompt().negative())).toList());
            case INVOKEAI_CSV -> {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("name", "positive_prompt", "negative_prompt"));
                presets.forEach(p -> rows.add(List.of(p.name(), p.prompt().positive(), p.prompt().negative())));
                yield CsvTables.format(rows, "\n");
            }
            case FOOOCUS, INVOKEAI_JSON, SWARMUI -> PresetJson.writeTool(this, presets);
            case ATELIER -> PresetJson.writeAtelier(presets);
        };
    }

    /** InvokeAI's importer: columns name, prompt or positive_prompt, negative_prompt; others rejected. */
    private static List<Preset> readInvokeAiCsv(String text) {
        List<CsvTables.CsvRecord> rows = CsvTables.parse(text);
        List<String> header = rows.getFirst().cells().stream().map(String::strip).toList();
        for (String column : header) {
            if (!List.of("name", "prompt", "positive_prompt", "negative_prompt").contains(column)) {
                throw new PresetFormatException("InvokeAI CSV column '" + column
                        + "' is not allowed; expected name, prompt or positive_prompt, negative_prompt");
            }
        }
        int name = header.indexOf("name");
        int prompt = header.contains("positive_prompt") ? header.indexOf("positive_prompt") : header.indexOf("prompt");
        int negative = header.indexOf("negative_prompt");
        List<Preset> presets = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTables.CsvRecord row : rows.subList(1, rows.size())) {
            String presetName = row.cell(name).strip();
            if (presetName.isEmpty()) {
                throw new PresetFormatException("row " + row.number() + ": the name is blank; InvokeAI needs a name");
            }
            Long before = seen.putIfAbsent(presetName, row.number());
            if (before != null) {
                throw new PresetFormatException("row " + row.number() + ": the name '" + presetName
                        + "' is already used by row " + before + "; names must be unique");
            }
            presets.add(named(row.number(), () -> Preset.style(presetName, row.cell(prompt), row.cell(negative), JoinRule.INVOKEAI)));
        }
        return presets;
    }

    /** Builds a preset, turning a validation failure into a message naming the row. */
    static Preset named(long row, java.util.function.Supplier<Preset> build) {
        try {
            return build.get();
        } catch (PresetFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new PresetFormatException("row " + row + ": " + e.getMessage(), e);
        }
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
