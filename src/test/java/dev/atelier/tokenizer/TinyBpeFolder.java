package dev.atelier.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small CLIP-format BPE folder the way the project's own {@code tools/bpe.py} does: the 256
 * byte characters, the same with {@code </w>}, one entry per merge, then bos and eos as the last ids.
 */
public final class TinyBpeFolder {
    private TinyBpeFolder() {
    }

    /** GPT-2 bytes_to_unicode as byte → character: printable bytes map to themselves, the other 68 to U+0100 onwards. */
    public static Map<Integer, String> byteToCharacter() {
        List<Integer> printable = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) printable.add(b);
        for (int b = 0xA1; b <= 0xAC; b++) printable.add(b);
        for (int b = 0xAE; b <= 0xFF; b++) printable.add(b);
        Map<Integer, String> map = new LinkedHashMap<>();  // in vocabulary order: printable bytes first
        printable.forEach(b -> map.put(b, Character.toString(b)));
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!map.containsKey(b)) {
                map.put(b, Character.toString(256 + n++));
            }
        }
        return map;
    }

    /** The 256 byte characters in vocabulary order (ids 0–255 of every CLIP vocabulary). */
    public static List<String> byteCharacters() {
        return List.copyOf(byteToCharacter().values());
    }

    /** Writes the folder; {@code merges} are "a b" pairs in rank order. Returns the vocabulary written. */
    public static Map<String, Integer> write(Path dir, List<String> merges, String padToken) throws IOException {
        Files.createDirectories(dir);
        Map<String, Integer> vocab = new LinkedHashMap<>();
        List<String> base = byteCharacters();
        base.forEach(c -> vocab.putIfAbsent(c, vocab.size()));
        base.forEach(c -> vocab.putIfAbsent(c + "</w>", vocab.size()));
        merges.forEach(m -> vocab.putIfAbsent(m.replace(" ", ""), vocab.size()));
        vocab.putIfAbsent("<|startoftext|>", vocab.size());
        vocab.putIfAbsent("<|endoftext|>", vocab.size());
        ObjectMapper json = new ObjectMapper();
        json.writeValue(dir.resolve("vocab.json").toFile(), vocab);
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n" + String.join("\n", merges) + "\n");
        Map<String, Object> special = new LinkedHashMap<>();
        special.put("bos_token", Map.of("content", "<|startoftext|>", "normalized", true));
        special.put("eos_token", Map.of("content", "<|endoftext|>", "normalized", true));
        special.put("unk_token", Map.of("content", "<|endoftext|>", "normalized", true));
        special.put("pad_token", padToken);
        json.writeValue(dir.resolve("special_tokens_map.json").toFile(), special);
        json.writeValue(dir.resolve("tokenizer_config.json").toFile(), Map.of("model_max_length", 77,
                "bos_token", "<|startoftext|>", "eos_token", "<|endoftext|>", "pad_token", padToken,
                "tokenizer_class", "CLIPTokenizer"));
        return vocab;
    }
}
