package dev.atelier.preset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The JSON preset formats: Fooocus, InvokeAI, SwarmUI and Atelier's own. */
final class PresetJson {
    static final String ATELIER_FORMAT = "atelier-presets";
    static final int ATELIER_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT = new ObjectMapper().writer();
    private static final String SWARM_PLACEHOLDER = "{value}";
    private static final String PNG_DATA_URL = "data:image/png;base64,";

    private PresetJson() {
    }

    static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PresetFormatException("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    static PresetFormat detect(String text) {
        JsonNode root = tree(text);
        if (root.isObject() && ATELIER_FORMAT.equals(root.path("format").asText())) {
            return PresetFormat.ATELIER;
        }
        if (root.isObject() && (isSwarmPreset(root) || root.size() > 0 && allValues(root, PresetJson::isSwarmPreset))) {
            return PresetFormat.SWARMUI;
        }
        if (root.isArray()) {
            for (JsonNode entry : root) {
                if (entry.has("positive_prompt")) {
                    return PresetFormat.INVOKEAI_JSON;
                }
            }
            return PresetFormat.FOOOCUS; // InvokeAI's list with "prompt" keys has the same shape
        }
        throw new PresetFormatException("unknown preset JSON: expected a list of styles, a SwarmUI preset or an "
                + "Atelier presets file (\"format\": \"" + ATELIER_FORMAT + "\")");
    }

    private static boolean isSwarmPreset(JsonNode node) {
        return node.isObject() && node.has("title") && node.path("param_map").isObject();
    }

    private static boolean allValues(JsonNode object, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode value : object) {
            if (!test.test(value)) {
                return false;
            }
        }
        return true;
    }

    static List<Preset> readTool(PresetFormat format, String text) {
        JsonNode root = tree(text);
        List<Preset> presets = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        if (format == PresetFormat.SWARMUI) {
            List<JsonNode> entries = new ArrayList<>();
            if (isSwarmPreset(root)) {
                entries.add(root);
            } else if (root.isObject()) {
                root.forEach(entries::add);
            }
            for (int i = 0; i < entries.size(); i++) {
                int entry = i + 1;
                JsonNode node = entries.get(i);
                if (!isSwarmPreset(node)) {
                    throw new PresetFormatException("entry " + entry + ": expected a SwarmUI preset with title and param_map");
                }
                presets.add(unique(seen, entry, PresetFormat.named(entry, () -> swarm(node))));
            }
            return presets;
        }
        if (!root.isArray()) {
            throw new PresetFormatException("expected a JSON list of styles for " + format.cliName());
        }
        for (int i = 0; i < root.size(); i++) {
            int entry = i + 1;
            JsonNode node = root.get(i);
            if (!node.isObject()) {
                throw new PresetFormatException("entry " + entry + ": expected an object with name, prompt, negative_prompt");
            }
            String promptKey = format == PresetFormat.INVOKEAI_JSON && node.has("positive_prompt") ? "positive_prompt" : "prompt";
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!List.of("name", promptKey, "negative_prompt").contains(key)) {
                    throw new PresetFormatException("entry " + entry + ": key '" + key
                            + "' is not allowed; expected name, " + promptKey + ", negative_prompt");
                }
            }
            String name = string(node, "name", entry);
            presets.add(unique(seen, entry, PresetFormat.named(entry, () -> Preset.style(name,
                    string(node, promptKey, entry), string(node, "negative_prompt", entry), format.joinRule()))));
        }
        return presets;
    }

    private static Preset unique(Map<String, Integer> seen, int entry, Preset preset) {
        Integer before = seen.putIfAbsent(preset.name(), entry);
        if (before != null) {
            throw new PresetFormatException("entry " + entry + ": the name '" + preset.name()
                    + "' is already used by entry " + before + "; names must be unique");
        }
        return preset;
    }

    private static String string(JsonNode node, String key, int entry) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new PresetFormatException("entry " + entry + ": '" + key + "' is " + PresetFormat.abbreviate(value.toString())
                    + ", expected text");
        }
        return value.asText();
    }

    private static Preset swarm(JsonNode node) {
        JsonNode params = node.get("param_map");
        String positive = params.path("prompt").asText("").replace(SWARM_PLACEHOLDER, PromptPreset.PLACEHOLDER);
        String negative = params.path("negativeprompt").asText("").replace(SWARM_PLACEHOLDER, PromptPreset.PLACEHOLDER);
        Integer steps = params.has("steps") ? params.get("steps").asInt() : null;
        Double cfg = params.has("cfgscale") ? params.get("cfgscale").asDouble() : null;
        boolean size = params.has("width") && params.has("height");
        PresetSettings settings = new PresetSettings(null, null, steps, cfg,
                size ? params.get("width").asInt() : null, size ? params.get("height").asInt() : null);
        String preview = node.path("preview_image").asText("");
        byte[] thumbnail = preview.startsWith(PNG_DATA_URL) ? Base64.getDecoder().decode(preview.substring(PNG_DATA_URL.length())) : null;
        return new Preset(node.get("title").asText(), PresetPrompt.style(positive, negative), settings, JoinRule.SWARMUI,
                List.of(), node.path("description").asText(""), thumbnail, node.path("is_starred").asBoolean(false), "");
    }

    static String writeTool(PresetFormat format, List<Preset> presets) {
        if (format == PresetFormat.SWARMUI) {
            ObjectNode all = JSON.createObjectNode();
            for (Preset p : presets) {
                ObjectNode node = all.putObject(p.name());
                node.put("title", p.name());
                node.put("author", "");
                node.put("description", p.note());
                node.put("preview_image", p.thumbnail() == null ? "" : PNG_DATA_URL + Base64.getEncoder().encodeToString(p.thumbnail()));
                node.put("is_starred", p.favourite());
                ObjectNode params = node.putObject("param_map");
                params.put("prompt", p.prompt().positive().replace(PromptPreset.PLACEHOLDER, SWARM_PLACEHOLDER));
                params.put("negativeprompt", p.prompt().negative().replace(PromptPreset.PLACEHOLDER, SWARM_PLACEHOLDER));
                PresetSettings s = p.settings();
                if (s.steps() != null) {
                    params.put("steps", s.steps());
                }
                if (s.guidance() != null) {
                    params.put("cfgscale", s.guidance());
                }
                if (s.width() != null) {
                    params.put("width", s.width());
                    params.put("height", s.height());
                }
            }
            return pretty(presets.size() == 1 ? all.get(presets.getFirst().name()) : all);
        }
        ArrayNode list = JSON.createArrayNode();
        String promptKey = format == PresetFormat.INVOKEAI_JSON ? "positive_prompt" : "prompt";
        for (Preset p : presets) {
            list.addObject().put("name", p.name()).put(promptKey, p.prompt().positive()).put("negative_prompt", p.prompt().negative());
        }
        return pretty(list);
    }

    static List<Preset> readAtelier(String text) {
        JsonNode root = tree(text);
        if (!ATELIER_FORMAT.equals(root.path("format").asText())) {
            throw new PresetFormatException("not an Atelier presets file: expected \"format\": \"" + ATELIER_FORMAT + "\"");
        }
        int version = root.path("version").asInt(-1);
        if (version < 1 || version > ATELIER_VERSION) {
            throw new PresetFormatException("Atelier presets file version " + root.path("version")
                    + " is not supported; expected 1 to " + ATELIER_VERSION);
        }
        JsonNode list = root.path("presets");
        if (!list.isArray()) {
            throw new PresetFormatException("Atelier presets file: 'presets' must be a list");
        }
        List<Preset> presets = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            int entry = i + 1;
            JsonNode node = list.get(i);
            presets.add(unique(seen, entry, PresetFormat.named(entry, () -> atelier(node, entry))));
        }
        return presets;
    }

    private static Preset atelier(JsonNode node, int entry) {
        if (!node.isObject()) {
            throw new PresetFormatException("entry " + entry + ": expected a preset object");
        }
        JsonNode f = node.path("fields");
        PresetPrompt prompt = new PresetPrompt(string(f, "subject", entry), string(f, "composition", entry),
                string(f, "style", entry), string(f, "lighting", entry), string(f, "freeText", entry), string(f, "negative", entry));
        JsonNode s = node.path("settings");
        PresetSettings settings = new PresetSettings(textOrNull(s, "modelFamily"), textOrNull(s, "scheduler"),
                s.hasNonNull("steps") ? s.get("steps").asInt() : null, s.hasNonNull("guidance") ? s.get("guidance").asDouble() : null,
                s.hasNonNull("width") ? s.get("width").asInt() : null, s.hasNonNull("height") ? s.get("height").asInt() : null);
        JoinRule rule;
        try {
            rule = JoinRule.valueOf(node.path("joinRule").asText("A1111"));
        } catch (IllegalArgumentException e) {
            throw new PresetFormatException("entry " + entry + ": joinRule '" + node.path("joinRule").asText()
                    + "' is unknown; expected one of " + List.of(JoinRule.values()));
        }
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(t -> tags.add(t.asText()));
        String thumbnail = textOrNull(node, "thumbnail");
        return new Preset(string(node, "name", entry), prompt, settings, rule, tags, string(node, "note", entry),
                thumbnail == null ? null : Base64.getDecoder().decode(thumbnail), node.path("favourite").asBoolean(false),
                string(node, "folder", entry));
    }

    private static String textOrNull(JsonNode node, String key) {
        return node.hasNonNull(key) ? node.get(key).asText() : null;
    }

    static String writeAtelier(List<Preset> presets) {
        return pretty(atelierTree(presets));
    }

    /** One-line Atelier JSON, as the library stores each preset. */
    static String compactAtelier(Preset preset) {
        try {
            return COMPACT.writeValueAsString(atelierTree(List.of(preset)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ObjectNode atelierTree(List<Preset> presets) {
        ObjectNode root = JSON.createObjectNode().put("format", ATELIER_FORMAT).put("version", ATELIER_VERSION);
        ArrayNode list = root.putArray("presets");
        for (Preset p : presets) {
            ObjectNode node = list.addObject().put("name", p.name());
            PresetPrompt f = p.prompt();
            node.putObject("fields").put("subject", f.subject()).put("composition", f.composition()).put("style", f.style())
                    .put("lighting", f.lighting()).put("freeText", f.freeText()).put("negative", f.negative());
            PresetSettings s = p.settings();
            node.putObject("settings").put("modelFamily", s.modelFamily()).put("scheduler", s.scheduler())
                    .put("steps", s.steps()).put("guidance", s.guidance()).put("width", s.width()).put("height", s.height());
            node.put("joinRule", p.joinRule().name());
            ArrayNode tags = node.putArray("tags");
            p.tags().forEach(tags::add);
            node.put("note", p.note()).put("favourite", p.favourite()).put("folder", p.folder());
            node.put("thumbnail", p.thumbnail() == null ? null : Base64.getEncoder().encodeToString(p.thumbnail()));
        }
        return root;
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
