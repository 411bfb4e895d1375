package dev.atelier.tokenizer;

/**
 * One BPE token. {@code text} is the vocabulary entry (byte-level characters, {@code </w>} marks a
 * word end); {@code start}/{@code end} are UTF-16 character offsets into the text that was
 * tokenized, so {@code original.substring(start, end)} is what the token came from. Tokens that
 * split one character (a multi-byte letter, an emoji) share that character's range.
 */
public record Token(int id, String text, int start, int end) {
    public Token {
        if (id < 0) {
            throw new IllegalArgumentException("token id must be >= 0, got " + id);
        }
        if (text == null) {
            throw new IllegalArgumentException("token text must not be null");
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("token offsets must satisfy 0 <= start <= end, got " + start + ".." + end);
        }
    }
}
