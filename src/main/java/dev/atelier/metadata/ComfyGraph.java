package dev.atelier.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.image.GenerationParameters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads ComfyUI's {@code prompt} chunk (the API graph {@code {"id": {"class_type", "inputs"}}},
 * links as {@code [node_id, output_index]}): the texts of the CLIPTextEncode nodes linked to the
 * sampler's positive and negative inputs, and the KSampler's settings.
 */
final class ComfyGraph {
    private static final int MAX_HOPS = 256;

    private ComfyGraph() {
    }

    static GenerationParameters read(JsonNode graph, Map<String, String> unsupported) {
        if (!graph.isObject()) {
            throw new MetadataException("ComfyUI prompt is not a JSON object of nodes");
        }
        String samplerId = null;
        for (Iterator<String> ids = graph.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            String type = graph.get(id).path("class_type").asText("");
            if (type.startsWith("KSampler") || type.startsWith("SamplerCustom")) {
                samplerId = id;
                break;
            }
        }
        if (samplerId == null) {
            throw new MetadataException("ComfyUI graph has no KSampler node; expected one to read the prompt from");
        }
        JsonNode in = graph.get(samplerId).path("inputs");
        GenerationParameters.Builder b = GenerationParameters.builder()
                .prompt(text(graph, samplerId, "positive"))
                .negativePrompt(in.has("negative") ? text(graph, samplerId, "negative") : "");
        JsonNode seed = in.has("seed") ? in.get("seed") : in.get("noise_seed");
        if (seed != null && seed.canConvertToLong()) {
            b.seed(seed.asLong());
        }
        if (in.path("steps").canConvertToInt()) {
            b.steps(in.get("steps").asInt());
        }
        if (in.path("cfg").isNumber()) {
            b.cfgScale(in.get("cfg").asDouble());
        }
        String sampler = in.path("sampler_name").asText("");
        String scheduler = in.path("scheduler").asText("");
        if (!sampler.isEmpty()) {
            b.sampler(sampler, scheduler.isEmpty() ? null : "karras".equals(scheduler) ? "Karras" : scheduler);
        }
        if (in.path("denoise").isNumber() && in.get("denoise").asDouble() != 1.0) {
            unsupported.put("Denoise", in.get("denoise").asText());
        }
        JsonNode latent = linked(graph, samplerId, "latent_image");
        if (latent != null && latent.path("inputs").path("width").canConvertToInt()) {
            b.size(latent.get("inputs").get("width").asInt(), latent.get("inputs").get("height").asInt());
        }
        List<String> loras = new ArrayList<>();
        JsonNode model = linked(graph, samplerId, "model");
        Set<JsonNode> seen = new HashSet<>();
        while (model != null && seen.add(model) && seen.size() < MAX_HOPS) {
            JsonNode inputs = model.path("inputs");
            if (inputs.has("lora_name")) {
                loras.add(inputs.get("lora_name").asText() + ":" + inputs.path("strength_model").asText("1"));
            }
            if (inputs.has("ckpt_name")) {
                String ckpt = inputs.get("ckpt_name").asText();
                b.model(ckpt.replaceAll("\\.(safetensors|ckpt)$", ""), null);
                break;
            }
            model = inputs.get("model") != null && inputs.get("model").isArray() ? node(graph, inputs.get("model"), "model") : null;
        }
        if (!loras.isEmpty()) {
            unsupported.put("LoRA", String.join(", ", loras));
        }
        b.extra("Version", "ComfyUI");
        return b.build();
    }

    /** The text reaching {@code input} of node {@code from}, following links to a CLIPTextEncode. */
    private static String text(JsonNode graph, String from, String input) {
        Set<String> visited = new HashSet<>();
        String id = from;
        String port = input;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            JsonNode link = graph.get(id).path("inputs").get(port);
            if (link == null) {
                throw new MetadataException("ComfyUI graph: node " + id + " has no input '" + port + "'; expected a link to a CLIPTextEncode");
            }
            if (link.isTextual()) {
                return link.asText();
            }
            if (!link.isArray() || link.size() != 2) {
                throw new MetadataException("ComfyUI graph: node " + id + " input '" + port + "' is " + link + ", expected [node_id, output]");
            }
            String target = link.get(0).asText();
            if (!graph.has(target)) {
                throw new MetadataException("ComfyUI graph: node " + id + " links '" + port + "' to node " + target
                        + ", which is not in the graph (missing link)");
            }
            if (!visited.add(target)) {
                throw new MetadataException("ComfyUI graph has a cycle through node " + target + " (from node " + from + " '" + input + "')");
            }
            JsonNode inputs = graph.get(target).path("inputs");
            id = target;
            port = inputs.has("text") ? "text" : inputs.has("conditioning") ? "conditioning"
                    : inputs.has("conditioning_1") ? "conditioning_1" : inputs.has("string") ? "string" : inputs.has("value") ? "value" : null;
            if (port == null) {
                throw new MetadataException("ComfyUI graph: node " + target + " (" + graph.get(target).path("class_type").asText()
                        + ") carries no text; expected a CLIPTextEncode");
            }
        }
        throw new MetadataException("ComfyUI graph: more than " + MAX_HOPS + " links from node " + from + " '" + input + "'");
    }

    private static JsonNode linked(JsonNode graph, String id, String input) {
        JsonNode link = graph.get(id).path("inputs").get(input);
        return link != null && link.isArray() ? node(graph, link, input) : null;
    }

    private static JsonNode node(JsonNode graph, JsonNode link, String input) {
        String target = link.get(0).asText();
        if (!graph.has(target)) {
            throw new MetadataException("ComfyUI graph links '" + input + "' to node " + target + ", which is not in the graph (missing link)");
        }
        return graph.get(target);
    }
}
