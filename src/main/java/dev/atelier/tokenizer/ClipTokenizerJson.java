package dev.atelier.tokenizer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes the Hugging Face {@code tokenizer.json} of a CLIP tokenizer (as {@code transformers}
 * converts {@code CLIPTokenizer}): NFC, {@code \s+ → " "}, lowercase; the CLIP split regex then
 * byte-level; BPE with {@code </w>} word ends. No post-processor: bos/eos/pad are added in Java.
 * Written once, as text around the vocabulary's own JSON (no tree is built and serialised).
 */
final class ClipTokenizerJson {
    static final String SPLIT_PATTERN =
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

    private ClipTokenizerJson() {
    }

    static String build(ClipVocabulary v) {
        StringBuilder json = new StringBuilder(v.vocabJson().length() + 16 * v.merges().size() + 2048);
        json.append("{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[");
        // bos/eos/unk are matched literally in the text, as CLIPTokenizer does; a pad token that is an
        // ordinary vocabulary entry ("!" in SD 2.x) must stay ordinary text
        Set<String> specials = new LinkedHashSet<>();
        specials.add(v.bosToken());
        specials.add(v.eosToken());
        specials.add(v.unkToken());
        String separator = "";
        for (String s : specials) {
            json.append(separator).append("{\"id\":").append(v.id(s)).append(",\"content\":");
            string(json, s);
            json.append(",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}");
            separator = ",";
        }
        json.append("],\"normalizer\":{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFC\"},")
                .append("{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"\\\\s+\"},\"content\":\" \"},{\"type\":\"Lowercase\"}]},")
                .append("\"pre_tokenizer\":{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"Regex\":");
        string(json, SPLIT_PATTERN);
        json.append("},\"behavior\":\"Removed\",\"invert\":true},")
                .append("{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":false}]},")
                .append("\"post_processor\":null,")
                .append("\"decoder\":{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true},")
                .append("\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":");
        string(json, v.unkToken());
        json.append(",\"continuing_subword_prefix\":\"\",\"end_of_word_suffix\":\"</w>\",\"fuse_unk\":false,")
                .append("\"byte_fallback\":false,\"vocab\":").append(v.vocabJson()).append(",\"merges\":[");
        separator = "";
        for (String merge : v.merges()) {
            json.append(separator);
            string(json, merge);
            separator = ",";
        }
        return json.append("]}}").toString();
    }

    /** Appends {@code s} as a JSON string literal. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        out.append('"');
    }
}
