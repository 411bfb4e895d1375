package dev.atelier.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.image.GenerationParameters;
import dev.atelier.image.PngContents;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.preset.PresetPrompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back how an image was made, from the metadata A1111/Forge, ComfyUI, InvokeAI, Fooocus,
 * SwarmUI and Atelier write (docs/FORMATS.md lists the chunks). Settings Atelier lacks are kept by
 * name in {@link RecoveredGeneration#unsupported()}, and the closest scheduler is proposed.
 */
public final class ImageMetadata {
    /** Atelier's iTXt chunk with the composer's structured fields (JSON), next to {@code parameters}. */
    public static final String FIELDS_KEY = "atelier_fields";
    static final long MAX_EXIF_FILE = 64L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LORA = Pattern.compile("<lora:([^:>]+)(?::([^>]*))?>");

    private ImageMetadata() {
    }

    /**
     * Reads a PNG's text chunks, or a JPEG's/WebP's EXIF texts.
     *
     * @throws IOException          when the file is missing, unreadable or a damaged PNG
     * @throws MetadataException    one line naming what in the metadata is malformed
     */
    public static RecoveredGeneration read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "image file does not exist");
        }
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P') {
            PngContents png = PngFiles.read(file);
            RecoveredGeneration found = fromTexts(png.texts());
            if (found.tool() == SourceTool.UNKNOWN && !png.skipped().isEmpty()) {
                throw new MetadataException(file.getFileName() + ": " + png.skipped().getFirst()); // why nothing was found
            }
            return found;
        }
        if (ExifText.isJpeg(head) || ExifText.isWebp(head)) {
            if (Files.size(file) > MAX_EXIF_FILE) {
                throw new MetadataException(file + " is larger than " + MAX_EXIF_FILE / (1024 * 1024) + " MiB; not read");
            }
            Map<String, String> exif = ExifText.read(Files.readAllBytes(file));
            Map<String, String> texts = new LinkedHashMap<>(exif);
            String comment = exif.get(ExifText.USER_COMMENT);
            if (comment != null) {
                texts.put(PngContents.PARAMETERS_KEY, comment); // Fooocus and SwarmUI put their text here
                if (exif.getOrDefault(ExifText.MAKER_NOTE, "").equals("fooocus")
                        || exif.getOrDefault(ExifText.MAKER_NOTE, "").equals("a1111")) {
                    texts.put("fooocus_scheme", exif.get(ExifText.MAKER_NOTE));
                }
            }
            return fromTexts(texts);
        }
        throw new MetadataException(file + " is not a PNG, JPEG or WebP file");
    }

    /** Reads the generation from an image's texts (PNG chunks keyed by keyword). */
    public static RecoveredGeneration fromTexts(Map<String, String> texts) {
        for (Map.Entry<String, String> e : texts.entrySet()) {
            if (e.getValue().indexOf('\uFFFD') >= 0) {
                throw new MetadataException("the text chunk '" + e.getKey() + "' is not valid UTF-8; expected UTF-8 text");
            }
        }
        boolean labelled = false;
        String xmp = texts.get(ProvenanceLabel.XMP_KEY);
        if (xmp != null) {
            try {
                labelled = ProvenanceLabel.parse(xmp).isPresent();
            } catch (IllegalArgumentException e) {
                labelled = false; // a broken packet is shown raw, it is not a label
            }
        }
        Map<String, String> unsupported = new LinkedHashMap<>();
        SourceTool tool;
        GenerationParameters params;
        String parameters = texts.get(PngContents.PARAMETERS_KEY);
        String trimmed = parameters == null ? "" : parameters.strip();
        if (parameters != null && trimmed.startsWith("{") && json(trimmed).has("sui_image_params")) {
            tool = SourceTool.SWARMUI;
            params = swarm(json(trimmed), unsupported);
        } else if (parameters != null && "fooocus".equals(texts.get("fooocus_scheme"))) {
            tool = SourceTool.FOOOCUS;
            params = fooocus(json(trimmed), unsupported);
        } else if (parameters != null) {
            params = GenerationParameters.parse(parameters);
            String version = params.extras().getOrDefault("Version", "");
            tool = texts.containsKey("fooocus_scheme") || version.startsWith("Fooocus") ? SourceTool.FOOOCUS
                    : version.startsWith("Atelier") ? SourceTool.ATELIER : SourceTool.A1111;
        } else if (texts.containsKey(PngContents.INVOKEAI_KEY)) {
            tool = SourceTool.INVOKEAI;
            params = GenerationParameters.parse(texts.get(PngContents.INVOKEAI_KEY));
        } else if (texts.containsKey("prompt")) {
            tool = SourceTool.COMFYUI;
            params = ComfyGraph.read(json(texts.get("prompt")), unsupported);
        } else {
            return new RecoveredGeneration(SourceTool.UNKNOWN, null, null, Map.of(), Optional.empty(), labelled, texts);
        }
        Optional<String> scheduler = params.schedulerCliName();
        if (scheduler.isEmpty() && params.sampler() != null) {
            unsupported.put("Sampler", params.sampler() + (params.scheduleType() == null ? "" : " / " + params.scheduleType()));
            scheduler = Optional.of(closestScheduler(params.sampler(), params.scheduleType()));
        }
        Matcher lora = LORA.matcher(params.prompt());
        StringBuilder loras = new StringBuilder();
        while (lora.find()) {
            loras.append(loras.isEmpty() ? "" : ", ").append(lora.group(1)).append(lora.group(2) == null ? "" : ":" + lora.group(2));
        }
        if (!loras.isEmpty()) {
            unsupported.merge("LoRA", loras.toString(), (a, b) -> a + ", " + b);
        }
        PresetPrompt fields = texts.containsKey(FIELDS_KEY) ? fields(texts.get(FIELDS_KEY)) : null;
        return new RecoveredGeneration(tool, params, fields, unsupported, scheduler, labelled, texts);
    }

    /** The Atelier scheduler nearest a sampler Atelier lacks (by family: ancestral, DPM, Karras). */
    static String closestScheduler(String sampler, String schedule) {
        String s = (sampler + " " + (schedule == null ? "" : schedule)).toLowerCase(Locale.ROOT);
        if (s.contains("ancestral") || s.contains(" a ") || s.endsWith(" a") || s.contains("_a")) {
            return "euler-a";
        }
        if (s.contains("lcm")) {
            return "lcm";
        }
        if (s.contains("ddim")) {
            return "ddim";
        }
        if (s.contains("dpm") || s.contains("unipc") || s.contains("uni_pc") || s.contains("deis")) {
            return s.contains("karras") ? "dpmpp-2m-karras" : "dpmpp-2m";
        }
        return s.contains("karras") ? "dpmpp-2m-karras" : "euler";
    }

    /** Atelier's structured-fields chunk as JSON. */
    public static String fieldsJson(PresetPrompt p) {
        var node = JSON.createObjectNode().put("version", 1);
        node.putObject("fields").put("subject", p.subject()).put("composition", p.composition()).put("style", p.style())
                .put("lighting", p.lighting()).put("freeText", p.freeText()).put("negative", p.negative());
        return node.toString();
    }

    static PresetPrompt fields(String json) {
        JsonNode f = json(json).path("fields");
        return new PresetPrompt(f.path("subject").asText(""), f.path("composition").asText(""), f.path("style").asText(""),
                f.path("lighting").asText(""), f.path("freeText").asText(""), f.path("negative").asText(""));
    }

    private static JsonNode json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null) {
                throw new MetadataException("the metadata text is empty; expected JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MetadataException("the metadata is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static GenerationParameters swarm(JsonNode root, Map<String, String> unsupported) {
        JsonNode p = root.get("sui_image_params");
        GenerationParameters.Builder b = GenerationParameters.builder()
                .prompt(p.path("prompt").asText("")).negativePrompt(p.path("negativeprompt").asText(""));
        if (p.path("seed").canConvertToLong()) {
            b.seed(p.get("seed").asLong());
        }
        if (p.path("steps").canConvertToInt()) {
            b.steps(p.get("steps").asInt());
        }
        if (p.path("cfgscale").isNumber()) {
            b.cfgScale(p.get("cfgscale").asDouble());
        }
        if (p.path("width").canConvertToInt() && p.path("height").canConvertToInt()) {
            b.size(p.get("width").asInt(), p.get("height").asInt());
        }
        if (p.has("sampler")) {
            String schedule = p.path("scheduler").asText(null);
            b.sampler(p.get("sampler").asText(), "karras".equals(schedule) ? "Karras" : schedule);
        }
        if (p.has("model")) {
            b.model(p.get("model").asText(), null);
        }
        if (p.has("loras")) {
            unsupported.put("LoRA", p.get("loras").toString());
        }
        b.extra("Version", p.has("swarm_version") ? "SwarmUI " + p.get("swarm_version").asText() : "SwarmUI");
        return b.build();
    }

    /** Fooocus' {@code fooocus} scheme: a JSON object (meta_parser.py), sizes as "(w, h)" or "w*h". */
    private static GenerationParameters fooocus(JsonNode root, Map<String, String> unsupported) {
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        root.properties().forEach(e -> keys.put(e.getKey().toLowerCase(Locale.ROOT).replace(' ', '_'), e.getValue()));
        GenerationParameters.Builder b = GenerationParameters.builder()
                .prompt(text(keys, "prompt")).negativePrompt(text(keys, "negative_prompt"));
        String seed = text(keys, "seed");
        if (seed.matches("\\d+")) {
            b.seed(Long.parseLong(seed));
        }
        if (text(keys, "steps").matches("\\d+")) {
            b.steps(Integer.parseInt(text(keys, "steps")));
        }
        String cfg = text(keys, "guidance_scale");
        if (cfg.matches("\\d+(\\.\\d+)?")) {
            b.cfgScale(Double.parseDouble(cfg));
        }
        Matcher size = Pattern.compile("(\\d+)\\D+(\\d+)").matcher(text(keys, "resolution"));
        if (size.find()) {
            b.size(Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2)));
        }
        if (!text(keys, "sampler").isEmpty()) {
            String schedule = text(keys, "scheduler");
            b.sampler(text(keys, "sampler"), "karras".equals(schedule) ? "Karras" : schedule.isEmpty() ? null : schedule);
        }
        if (!text(keys, "base_model").isEmpty()) {
            b.model(text(keys, "base_model").replaceAll("\\.(safetensors|ckpt)$", ""), null);
        }
        for (String key : keys.keySet()) {
            if (key.startsWith("lora") && !text(keys, key).isEmpty()) {
                unsupported.merge("LoRA", text(keys, key), (x, y) -> x + ", " + y);
            }
        }
        for (String key : new String[]{"styles", "performance", "sharpness", "refiner_model"}) {
            if (!text(keys, key).isEmpty() && !"None".equals(text(keys, key))) {
                unsupported.put("Fooocus " + key.replace('_', ' '), text(keys, key));
            }
        }
        b.extra("Version", text(keys, "version").isEmpty() ? "Fooocus" : text(keys, "version"));
        return b.build();
    }

    private static String text(Map<String, JsonNode> keys, String key) {
        JsonNode v = keys.get(key);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }
}
