package dev.atelier.tokenizer;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Everything a CLIP BPE needs, as read from a tokenizer folder: vocabulary, the vocabulary as the JSON
 * object text the native tokenizer is given (the file's own text where there is one), merges in rank
 * order ({@code "a b"} lines) and the special-token strings, each present in {@code vocab}.
 */
record ClipVocabulary(Map<String, Integer> vocab, String vocabJson, List<String> merges, String bosToken,
                      String eosToken, String unkToken, String padToken, int maxLength) {

    ClipVocabulary {
        // wrapped, not copied: the reader hands over maps it no longer touches, and copying 49 408
        // entries is measurable at start-up
        vocab = Collections.unmodifiableMap(vocab);
        merges = Collections.unmodifiableList(merges);
        if (vocabJson == null || vocabJson.isEmpty()) {
            throw new IllegalArgumentException("vocabJson must be the vocabulary's JSON object text");
        }
        for (String special : List.of(bosToken, eosToken, unkToken, padToken)) {
            if (!vocab.containsKey(special)) {
                throw new IllegalArgumentException("special token " + special + " is not in the vocabulary");
            }
        }
        if (maxLength < 3) {
            throw new IllegalArgumentException("maxLength must be >= 3 (bos, one token, eos), got " + maxLength);
        }
    }

    int id(String token) {
        return vocab.get(token);
    }
}
