package dev.atelier.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.util.Map;

/**
 * Reads InvokeAI's {@code invokeai_metadata} PNG text (JSON: positive_prompt, negative_prompt,
 * seed, steps, cfg_scale, scheduler, width, height, model{name|model_name, hash}, clip_skip,
 * app_version) into {@link GenerationParameters}; other keys are ignored.
 */
final class InvokeAiMetadata {
    private static final ObjectReader JSON = new ObjectMapper().reader();
    /** InvokeAI scheduler ids for the schedulers Atelier has; others are kept verbatim as the sampler. */
    private static final Map<String, SamplerLabel> SCHEDULERS = Map.of(
            "ddim", SamplerLabel.DDIM, "euler", SamplerLabel.EULER, "euler_a", SamplerLabel.EULER_ANCESTRAL,
            "dpmpp_2m", SamplerLabel.DPMPP_2M, "dpmpp_2m_k", SamplerLabel.DPMPP_2M_KARRAS,
            "pndm", SamplerLabel.PNDM, "lcm", SamplerLabel.LCM);

    private InvokeAiMetadata() {
    }

    /** Whether {@code text} is a JSON object (and not, say, a "{red|blue} car" prompt). */
    static boolean isJsonObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    static GenerationParameters parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("InvokeAI metadata is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("InvokeAI metadata must be a JSON object");
        }
        GenerationParameters.Builder b = GenerationParameters.builder()
                .prompt(text(root, "positive_prompt"))
                .negativePrompt(text(root, "negative_prompt"));
        if (root.has("steps")) {
            b.steps((int) whole(root, "steps"));
        }
        if (root.has("cfg_scale")) {
            b.cfgScale(number(root, "cfg_scale"));
        }
        if (root.has("seed")) {
            b.seed(whole(root, "seed"));
        }
        if (root.has("width") && root.has("height")) {
            b.size((int) whole(root, "width"), (int) whole(root, "height"));
        }
        String scheduler = text(root, "scheduler");
        if (!scheduler.isEmpty()) {
            SamplerLabel label = SCHEDULERS.get(scheduler);
            b.sampler(label == null ? scheduler : label.sampler(), label == null ? null : label.scheduleType());
        }
        JsonNode model = root.path("model");
        if (model.isObject()) {
            String name = text(model, "name").isEmpty() ? text(model, "model_name") : text(model, "name");
            String hash = text(model, "hash");
            b.model(name.isEmpty() ? null : name, hash.isEmpty() ? null : hash);
        }
        if (root.has("clip_skip") && whole(root, "clip_skip") > 1) {
            b.extra("Clip skip", Long.toString(whole(root, "clip_skip")));
        }
        String version = text(root, "app_version");
        if (!version.isEmpty()) {
            b.extra("Version", "InvokeAI " + version);
        }
        return b.build();
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isTextual() ? value.asText() : "";
    }

    private static long whole(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("InvokeAI metadata '" + key + "' is " + value
                    + ", expected a whole number");
        }
        return value.asLong();
    }

    private static double number(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("InvokeAI metadata '" + key + "' is " + value + ", expected a number");
        }
        return value.asDouble();
    }
}
