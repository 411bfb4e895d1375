package dev.atelier.tokenizer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.files.CheckedFiles;
import dev.atelier.files.FileRefusedException;
import dev.atelier.files.Quoting;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads a Hugging Face CLIP tokenizer folder into a {@link ClipVocabulary}, with one clear message per defect. */
final class TokenizerFiles {
    static final String BOS = "<|startoftext|>";
    static final String EOS = "<|endoftext|>";
    /** Hugging Face's CLIPTokenizer reads only merges.txt lines [1, 49152 - 256 - 2 + 1). */
    static final int MAX_MERGES = 49152 - 256 - 2;
    private static final int DEFAULT_MAX_LENGTH = 77;
    /** Tokens in a vocabulary (and entries in tokenizer.json's merges); CLIP has 49408. */
    static final int MAX_VOCAB = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFiles() {
    }

    static ClipVocabulary read(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new TokenizerException("Tokenizer folder not found: " + dir
                    + " (expected a folder with vocab.json and merges.txt, or tokenizer.json)");
        }
        Path vocabFile = dir.resolve("vocab.json");
        Path mergesFile = dir.resolve("merges.txt");
        Path tokenizerJson = dir.resolve("tokenizer.json");
        Map<String, Integer> vocab;
        String vocabJson;
        List<String> merges;
        Path mergesSource = mergesFile;
        if (Files.exists(vocabFile)) {
            if (!Files.exists(mergesFile)) {
                throw new TokenizerException("Missing " + mergesFile + " (expected the BPE merges next to vocab.json)");
            }
            VocabJson.Parsed parsed = VocabJson.parse(vocabFile, readText(vocabFile));
            vocab = parsed.vocab();
            vocabJson = parsed.objectText();
            merges = readMerges(mergesFile);
        } else if (Files.exists(tokenizerJson)) {
            JsonNode model = readJson(tokenizerJson).path("model");
            if (!"BPE".equals(model.path("type").asText())) {
                throw new TokenizerException("Unsupported " + tokenizerJson + ": expected model.type \"BPE\" (a CLIP tokenizer)");
            }
            vocab = readVocab(tokenizerJson, model.path("vocab"));
            vocabJson = model.path("vocab").toString();
            merges = mergesFromJson(tokenizerJson, model.path("merges"));
            mergesSource = tokenizerJson;
        } else {
            throw new TokenizerException("No tokenizer in " + dir + ": expected vocab.json + merges.txt or tokenizer.json");
        }
        checkMerges(mergesSource, vocab, merges);
        return specials(dir, vocab, vocabJson, merges);
    }

    private static ClipVocabulary specials(Path dir, Map<String, Integer> vocab, String vocabJson, List<String> merges) {
        Map<String, String> tokens = new HashMap<>(Map.of("bos_token", BOS, "eos_token", EOS, "unk_token", EOS, "pad_token", EOS));
        Map<String, Path> source = new HashMap<>();
        int maxLength = DEFAULT_MAX_LENGTH;
        // special_tokens_map.json is read last, so it wins, as in transformers
        for (String name : List.of("tokenizer_config.json", "special_tokens_map.json")) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            JsonNode config = readJson(file);
            for (String key : List.copyOf(tokens.keySet())) {
                String value = tokenString(config.get(key));
                if (value != null) {
                    tokens.put(key, value);
                    source.put(key, file);
                }
            }
            JsonNode length = config.get("model_max_length");
            if (length != null && length.isNumber() && length.asDouble() >= 3 && length.asDouble() <= DEFAULT_MAX_LENGTH) {
                maxLength = length.asInt();
            }
        }
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            if (!vocab.containsKey(e.getValue())) {
                Path from = source.getOrDefault(e.getKey(), dir.resolve("vocab.json"));
                throw new TokenizerException(e.getKey() + " " + Quoting.quote(e.getValue()) + " (from " + from
                        + ") is not in the vocabulary of " + dir + "; expected one of its tokens");
            }
        }
        return new ClipVocabulary(vocab, vocabJson, merges, tokens.get("bos_token"), tokens.get("eos_token"),
                tokens.get("unk_token"), tokens.get("pad_token"), maxLength);
    }

    /** A special token is written either as a string or as an AddedToken object with "content". */
    private static String tokenString(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        JsonNode content = node.get("content");
        return content != null && content.isTextual() ? content.asText() : null;
    }

    private static JsonNode readJson(Path file) {
        byte[] bytes = readChecked(file);
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new TokenizerException("Cannot parse " + file + " as JSON: " + Quoting.truncate(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new TokenizerException("Cannot read " + file + ": " + Quoting.truncate(e.getMessage()), e);
        }
    }

    /**
     * The bytes of a tokenizer file, after checking that it is a regular file (a FIFO would block
     * forever) of at most {@link CheckedFiles#MAX_TOKENIZER_BYTES}.
     */
    private static byte[] readChecked(Path file) {
        try {
            Path real = CheckedFiles.regularFile(file, CheckedFiles.MAX_TOKENIZER_BYTES);
            return CheckedFiles.readAll(file, real, CheckedFiles.MAX_TOKENIZER_BYTES);
        } catch (FileRefusedException e) {
            throw new TokenizerException("Cannot read " + file + ": " + e.reason() + "; expected a tokenizer file", e);
        }
    }

    private static Map<String, Integer> readVocab(Path file, JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw new TokenizerException("Malformed vocabulary in " + file + ": expected a JSON object mapping token strings to integer ids");
        }
        if (node.size() > MAX_VOCAB) {
            throw new TokenizerException("Vocabulary in " + file + " has " + node.size() + " tokens; expected at most "
                    + MAX_VOCAB + " (CLIP has 49408)");
        }
        Map<String, Integer> vocab = new HashMap<>(node.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber() || e.getValue().asInt() < 0
                    || e.getValue().asInt() >= MAX_VOCAB) {
                throw new TokenizerException("Malformed vocabulary in " + file + ": token " + Quoting.quote(e.getKey())
                        + " has id " + Quoting.truncate(String.valueOf(e.getValue())) + ", expected a non-negative integer below "
                        + MAX_VOCAB);
            }
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        return vocab;
    }

    /** A tokenizer file as text, refusing bytes that are not UTF-8 (one line naming the file). */
    private static String readText(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(readChecked(file))).toString();
        } catch (CharacterCodingException e) {
            throw new TokenizerException("Cannot read " + file + " as UTF-8 text: it holds bytes that are not UTF-8", e);
        }
    }

    /** The merges of {@code merges.txt}: one {@code "a b"} per line, an optional {@code #version} first line. */
    private static List<String> readMerges(Path file) {
        String text = readText(file);
        List<String> merges = new ArrayList<>(Math.min(MAX_MERGES, text.length() / 8 + 1));
        int lineNumber = 0;
        for (int start = 0; start < text.length() && merges.size() < MAX_MERGES; ) {
            int end = lineEnd(text, start);
            String line = text.substring(start, end);
            lineNumber++;
            start = end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length()
                    && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            if (line.isBlank() || (lineNumber == 1 && line.startsWith("#"))) {
                continue;
            }
            if (!isMerge(line)) {
                throw new TokenizerException("Malformed " + file + " line " + lineNumber + ": " + Quoting.quote(line)
                        + ", expected two symbols separated by one space");
            }
            merges.add(line);
        }
        return merges;
    }

    /** Two non-empty symbols separated by one space. */
    private static boolean isMerge(String s) {
        int space = s.indexOf(' ');
        return space > 0 && space < s.length() - 1 && s.indexOf(' ', space + 1) < 0;
    }

    /** The index of the line break ending the line at {@code start} (as {@link String#lines}: \n, \r or \r\n). */
    private static int lineEnd(String text, int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static List<String> mergesFromJson(Path file, JsonNode node) {
        if (!node.isArray()) {
            throw new TokenizerException("Malformed " + file + ": expected model.merges to be an array");
        }
        if (node.size() > MAX_VOCAB) {
            throw new TokenizerException("Malformed " + file + ": model.merges has " + node.size()
                    + " entries; expected at most " + MAX_VOCAB);
        }
        List<String> merges = new ArrayList<>(node.size());
        for (JsonNode m : node) {
            String merge = m.isArray() && m.size() == 2 ? m.get(0).asText() + " " + m.get(1).asText() : m.asText();
            if (!isMerge(merge)) {
                throw new TokenizerException("Malformed merge " + Quoting.truncate(m.toString()) + " in " + file
                        + ": expected \"a b\" or [\"a\", \"b\"]");
            }
            merges.add(merge);
        }
        return merges;
    }

    private static void checkMerges(Path file, Map<String, Integer> vocab, List<String> merges) {
        for (int i = 0; i < merges.size(); i++) {
            String merge = merges.get(i);
            int space = merge.indexOf(' ');
            String left = merge.substring(0, space);
            String right = merge.substring(space + 1);
            for (String symbol : new String[] {left, right, left + right}) {
                if (!vocab.containsKey(symbol)) {
                    throw new TokenizerException("Merge " + (i + 1) + " " + Quoting.quote(merge) + " in " + file
                            + " uses " + Quoting.quote(symbol) + ", which is not in the vocabulary; expected vocab.json and merges.txt of the same tokenizer");
                }
            }
        }
    }
}
