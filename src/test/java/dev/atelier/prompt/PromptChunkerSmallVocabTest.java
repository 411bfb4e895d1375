package dev.atelier.prompt;

import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.tokenizer.TinyBpeFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunking with a project-format tokenizer (specials are its last ids): nothing may assume the SD vocabulary. */
class PromptChunkerSmallVocabTest {
    @Test
    void usesTheTokenizersOwnSpecialIds(@TempDir Path dir) throws IOException {
        Map<String, Integer> vocab = TinyBpeFolder.write(dir, List.of("c a", "ca t</w>", "r e", "re d</w>"), "!");
        try (ClipTokenizer t = ClipTokenizer.load(dir)) {
            PromptChunker chunker = new PromptChunker(t);
            List<TokenChunk> chunks = chunker.chunk("a (red:1.5) cat, BREAK cat").chunks();
            assertEquals(2, chunks.size());
            int bos = vocab.get("<|startoftext|>");
            int eos = vocab.get("<|endoftext|>");
            int[] first = chunks.getFirst().ids();
            assertArrayEquals(new int[] {bos, vocab.get("a</w>"), vocab.get("red</w>"), vocab.get("cat</w>"), vocab.get(",</w>"), eos, 0},
                    Arrays.copyOf(first, 7));
            assertEquals(1.5f, chunks.getFirst().weights()[2]);
            assertTrue(Arrays.stream(first, 6, 77).allMatch(id -> id == vocab.get("!")));

            String longPrompt = "cat, ".repeat(50);  // 100 tokens, commas everywhere
            PromptLayout layout = chunker.layout(longPrompt);
            assertEquals(100, layout.tokenCount());
            assertEquals(2, layout.chunkCount());
            assertEquals(75 + 25, layout.a1111TokenCount());
        }
    }
}
