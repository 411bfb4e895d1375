package dev.atelier.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds the Hugging Face {@code tokenizer.json} of a CLIP tokenizer (as {@code transformers}
 * converts {@code CLIPTokenizer}): NFC, {@code \s+ → " "}, lowercase; the CLIP split regex then
 * byte-level; BPE with {@code </w>} word ends. No post-processor: bos/eos/pad are added in Java.
 */
final class ClipTokenizerJson {
    static final String SPLIT_PATTERN =
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClipTokenizerJson() {
    }

    static String build(ClipVocabulary v) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        // bos/eos/unk are matched literally in the text, as CLIPTokenizer does; a pad token that is an
        // ordinary vocabulary entry ("!" in SD 2.x) must stay ordinary text
        Set<String> specials = new LinkedHashSet<>();
        specials.add(v.bosToken());
        specials.add(v.eosToken());
        specials.add(v.unkToken());
        for (String s : specials) {
            added.addObject().put("id", v.id(s)).put("content", s).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        ArrayNode normalizers = root.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
        normalizers.addObject().put("type", "NFC");
        ObjectNode replace = normalizers.addObject().put("type", "Replace");
        replace.putObject("pattern").put("Regex", "\\s+");
        replace.put("content", " ");
        normalizers.addObject().put("type", "Lowercase");
        ArrayNode pre = root.putObject("pre_tokenizer").put("type", "Sequence").putArray("pretokenizers");
        ObjectNode split = pre.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT_PATTERN);
        split.put("behavior", "Removed").put("invert", true);
        pre.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true)
                .put("use_regex", false);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true)
                .put("trim_offsets", true).put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.put("unk_token", v.unkToken()).put("continuing_subword_prefix", "").put("end_of_word_suffix", "</w>")
                .put("fuse_unk", false).put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        for (Map.Entry<String, Integer> e : v.vocab().entrySet()) {
            vocab.put(e.getKey(), e.getValue());
        }
        ArrayNode merges = model.putArray("merges");
        v.merges().forEach(merges::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an in-memory JSON tree", e);
        }
    }
}
