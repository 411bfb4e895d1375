package dev.atelier.tokenizer;

import java.util.List;
import java.util.Map;

/**
 * Everything a CLIP BPE needs, as read from a tokenizer folder: vocabulary, merges in rank order
 * ({@code "a b"} lines) and the special-token strings, each present in {@code vocab}.
 */
record ClipVocabulary(Map<String, Integer> vocab, List<String> merges, String bosToken, String eosToken,
                      String unkToken, String padToken, int maxLength) {

    ClipVocabulary {
        vocab = Map.copyOf(vocab);
        merges = List.copyOf(merges);
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
