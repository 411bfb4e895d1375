package dev.atelier.tokenizer;

import dev.atelier.files.Quoting;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code vocab.json} (one JSON object of token string → id) straight into a map in one pass
 * over its text, and keeps the object's text so that the native tokenizer gets the file's own bytes
 * instead of a re-serialised copy. Hand-written rather than Jackson because it runs once per start
 * on a cold JVM: on CLIP's 49 408 entries Jackson (factory + streaming parse) took 0.9–1.0 s of CPU
 * in a fresh JVM, this loop 0.11–0.18 s (docs/PERFORMANCE.md, Start-up). It accepts exactly that
 * object and nothing else: strict JSON strings, non-negative integer ids, no duplicate keys.
 */
final class VocabJson {
    /** The parsed entries and the text of the object itself (from its {@code {} to its {@code }}). */
    record Parsed(Map<String, Integer> vocab, String objectText) {
    }

    private final Path file;
    private final String text;
    private int pos;

    private VocabJson(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    /** Parses {@code text}, the contents of {@code file} (named in every error). */
    static Parsed parse(Path file, String text) {
        return new VocabJson(file, text).object();
    }

    private Parsed object() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '\uFEFF') { // a byte-order mark, as Jackson allows
            pos++;
            skipSpace();
        }
        if (pos >= text.length() || text.charAt(pos) != '{') {
            throw malformed();
        }
        int start = pos++;
        Map<String, Integer> vocab = new HashMap<>(Math.max(16, text.length() / 8));
        skipSpace();
        if (peek() == '}') {
            throw malformed(); // an empty vocabulary cannot hold the special tokens
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw syntax("expected a token string");
            }
            String token = string();
            skipSpace();
            if (peek() != ':') {
                throw syntax("expected ':' after a token");
            }
            pos++;
            skipSpace();
            int id = id(token);
            if (vocab.put(token, id) != null) {
                throw new TokenizerException("Malformed vocabulary in " + file + ": token " + Quoting.quote(token)
                        + " appears twice; expected each token once");
            }
            if (vocab.size() > TokenizerFiles.MAX_VOCAB) {
                throw new TokenizerException("Vocabulary in " + file + " has more than " + TokenizerFiles.MAX_VOCAB
                        + " tokens; expected at most " + TokenizerFiles.MAX_VOCAB + " (CLIP has 49408)");
            }
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                break;
            }
            if (c != ',') {
                pos--;
                throw syntax("expected ',' or '}' after an id");
            }
        }
        int end = pos;
        skipSpace();
        if (pos < text.length()) {
            throw syntax("expected nothing after the object");
        }
        return new Parsed(vocab, text.substring(start, end));
    }

    /** A non-negative integer below {@link TokenizerFiles#MAX_VOCAB}, ending where the value ends. */
    private int id(String token) {
        int start = pos;
        long value = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9' && value < TokenizerFiles.MAX_VOCAB) {
            value = value * 10 + (text.charAt(pos++) - '0');
        }
        boolean ends = pos < text.length() && (isSpace(text.charAt(pos)) || text.charAt(pos) == ',' || text.charAt(pos) == '}');
        boolean leadingZero = pos - start > 1 && text.charAt(start) == '0';
        if (pos == start || !ends || leadingZero || value >= TokenizerFiles.MAX_VOCAB) {
            if (pos >= text.length()) {
                throw syntax("unexpected end of the file");
            }
            int valueEnd = start;
            while (valueEnd < text.length() && text.charAt(valueEnd) != ',' && text.charAt(valueEnd) != '}') {
                valueEnd++;
            }
            throw new TokenizerException("Malformed vocabulary in " + file + ": token " + Quoting.quote(token)
                    + " has id " + Quoting.truncate(text.substring(start, valueEnd).strip())
                    + ", expected a non-negative integer below " + TokenizerFiles.MAX_VOCAB);
        }
        return (int) value;
    }

    /** A JSON string starting at the quote under {@code pos}; leaves {@code pos} after the closing quote. */
    private String string() {
        int start = ++pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                return escaped(start);
            }
            if (c < 0x20) {
                throw syntax("a control character inside a string");
            }
            pos++;
        }
        throw syntax("unexpected end of the file inside a string");
    }

    /** The slow path of {@link #string}: a string holding escapes, from {@code start} (after its quote). */
    private String escaped(int start) {
        StringBuilder out = new StringBuilder().append(text, start, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw syntax("a control character inside a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> {
                    pos--;
                    throw syntax("unknown escape \\" + e);
                }
            }
        }
        throw syntax("unexpected end of the file inside a string");
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw syntax("unexpected end of the file inside a \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw syntax("expected four hex digits after \\u");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value; // surrogate pairs arrive as two escapes and join in the StringBuilder
    }

    private char peek() {
        if (pos >= text.length()) {
            throw syntax("unexpected end of the file");
        }
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private TokenizerException malformed() {
        return new TokenizerException("Malformed vocabulary in " + file
                + ": expected a JSON object mapping token strings to integer ids");
    }

    private TokenizerException syntax(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new TokenizerException("Cannot parse " + file + " as JSON: " + what + " at line " + line + ", column "
                + column + "; expected a JSON object mapping token strings to integer ids");
    }
}
