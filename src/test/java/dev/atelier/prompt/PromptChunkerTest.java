package dev.atelier.prompt;

import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.tokenizer.WorkGrowth;
import dev.atelier.tokenizer.ReferenceTokenizers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A1111 chunking with the real SD 1.x vocabulary, checked against PROMPT-SYNTAX.md 6.2. */
class PromptChunkerTest {
    private static final Pattern MULTS = Pattern.compile("^\\s*- `(.+?)` → (?:\\[([^\\]]*)] with )?mults \\[([^\\]]*)]");
    private static final Pattern CHUNKS = Pattern.compile("^\\s*- `(.+?)` → (\\d+) chunks: (.*); token_count (\\d+)");
    private static final Pattern LIST = Pattern.compile("\\[([^\\]]*)]");
    private static ClipTokenizer tokenizer;
    private static PromptChunker chunker;

    @BeforeAll
    static void load() {
        tokenizer = ClipTokenizer.load(ReferenceTokenizers.clipTokenizerDir());
        chunker = new PromptChunker(tokenizer);
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    /** "1, 1.5, 49407×3, …" → the listed numbers, "×n" repeated, the trailing ellipsis dropped. */
    private static double[] numbers(String list) {
        List<Double> out = new ArrayList<>();
        for (String item : list.split(",")) {
            String s = item.trim();
            if (s.equals("…") || s.isEmpty()) {
                continue;
            }
            String[] repeat = s.split("×");
            int times = repeat.length == 2 ? Integer.parseInt(repeat[1]) : 1;
            out.addAll(Collections.nCopies(times, Double.parseDouble(repeat[0])));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<String> reference() throws IOException {
        return Files.readAllLines(ReferenceTokenizers.referenceDir().resolve("PROMPT-SYNTAX.md"));
    }

    @Test
    void referenceIdsAndMultipliers() throws IOException {
        int checked = 0;
        for (String line : reference()) {
            Matcher m = MULTS.matcher(line);
            if (!m.find()) {
                continue;
            }
            TokenChunk chunk = chunker.chunk(m.group(1)).chunks().getFirst();
            if (m.group(2) != null) {
                double[] ids = numbers(m.group(2));
                assertArrayEquals(Arrays.stream(ids).mapToInt(d -> (int) d).toArray(), Arrays.copyOf(chunk.ids(), ids.length), m.group(1));
            }
            double[] mults = numbers(m.group(3));
            for (int i = 0; i < mults.length; i++) {
                assertEquals(mults[i], chunk.weights()[i], 1e-6, "multiplier " + i + " of " + m.group(1));
            }
            checked++;
        }
        assertEquals(2, checked, "the two multiplier examples of PROMPT-SYNTAX.md 6.2");
    }

    @Test
    void referenceBreakExample() throws IOException {
        Matcher m = reference().stream().map(CHUNKS::matcher).filter(Matcher::find).findFirst().orElseThrow();
        PromptLayout layout = chunker.layout(m.group(1));
        assertEquals(Integer.parseInt(m.group(2)), layout.chunkCount());
        Matcher lists = LIST.matcher(m.group(3));
        for (TokenChunk chunk : layout.chunked().chunks()) {
            assertTrue(lists.find());
            double[] expected = numbers(lists.group(1));
            assertArrayEquals(Arrays.stream(expected).mapToInt(d -> (int) d).toArray(), Arrays.copyOf(chunk.ids(), expected.length));
            assertEquals(77, chunk.length());
        }
        assertEquals(Integer.parseInt(m.group(4)), layout.a1111TokenCount());
    }

    @Test
    void repeatedPhraseFillsTwoChunks() {
        // PROMPT-SYNTAX.md 6.2: "red apple, " ×30 (89 tokens) → 2 chunks (75 + 14)
        String prompt = String.join(", ", Collections.nCopies(30, "red apple"));
        PromptLayout layout = chunker.layout(prompt);
        assertEquals(89, layout.tokenCount());
        assertEquals(2, layout.chunkCount());
        assertEquals(75, layout.tokens().stream().filter(t -> t.chunk() == 0).count());
        assertEquals(14, layout.tokens().stream().filter(t -> t.chunk() == 1).count());
        assertEquals(154, layout.chunkCount() * 77, "154-token conditioning");
    }

    @Test
    void commaBacktrackMovesTheTailToTheNextChunk() {
        int cat = tokenizer.ids("cat")[0];
        int dog = tokenizer.ids("dog")[0];
        String prompt = "cat ".repeat(60) + ", " + "dog ".repeat(30);  // comma is token 61
        List<TokenChunk> chunks = chunker.chunk(prompt).chunks();
        assertEquals(2, chunks.size());
        int[] first = chunks.get(0).ids();
        assertTrue(Arrays.stream(first, 1, 61).allMatch(id -> id == cat));
        assertEquals(267, first[61], "the chunk ends at the comma...");
        assertTrue(Arrays.stream(first, 62, 77).allMatch(id -> id == tokenizer.eosId()), "...and is padded");
        int[] second = chunks.get(1).ids();
        assertTrue(Arrays.stream(second, 1, 31).allMatch(id -> id == dog), "all 30 dogs moved together");

        List<TokenChunk> noBacktrack = new PromptChunker(tokenizer, 0).chunk(prompt).chunks();
        assertEquals(dog, noBacktrack.get(0).ids()[75], "backtrack 0: the first chunk is filled to 75");
        assertEquals(16, Arrays.stream(noBacktrack.get(1).ids()).filter(id -> id == dog).count());

        String farComma = "cat ".repeat(40) + ", " + "dog ".repeat(50);  // comma 35 tokens back: too far
        assertEquals(dog, chunker.chunk(farComma).chunks().get(0).ids()[75]);
        assertThrows(IllegalArgumentException.class, () -> new PromptChunker(tokenizer, 75));
    }

    @Test
    void longPromptsKeepEveryTokenInOrder() {
        String prompt = "masterpiece, best quality, (detailed face:1.2), [blurry], 1girl, 😀 日本語, ".repeat(25);
        PromptLayout layout = chunker.layout(prompt);
        assertTrue(layout.tokenCount() > 300, "tokens: " + layout.tokenCount());
        assertEquals(layout.chunkCount(), layout.chunked().size());
        int sequence = 0;
        for (PlacedToken t : layout.tokens()) {
            assertEquals(sequence++, t.sequenceIndex());
            TokenChunk chunk = layout.chunked().chunks().get(t.chunk());
            assertEquals(t.token().id(), chunk.ids()[t.position()]);
            assertEquals(t.weight(), chunk.weights()[t.position()]);
        }
        for (TokenChunk c : layout.chunked().chunks()) {
            assertEquals(77, c.length());
            assertEquals(tokenizer.bosId(), c.ids()[0]);
            assertEquals(tokenizer.eosId(), c.ids()[76]);
        }
        List<String> weighted = layout.tokens().stream().filter(t -> Math.abs(t.weight() - 1.2f) < 1e-6)
                .map(t -> prompt.substring(t.start(), t.end())).distinct().toList();
        assertEquals(List.of("detailed", "face"), weighted, "offsets of weighted tokens point at their words in the prompt");
    }

    @Test
    void offsetsMapThroughBracketsAndEscapes() {
        String prompt = "a (red:1.5) \\(cat\\) BREAK 😀 dog";
        List<String> pieces = chunker.layout(prompt).tokens().stream().map(t -> prompt.substring(t.start(), t.end())).toList();
        assertEquals(List.of("a", "red", "(", "cat", ")", "😀", "dog"), pieces);
    }

    @Test
    void sd2PadsAfterTheFirstEos(@TempDir Path temp) throws IOException {
        try (ClipTokenizer sd2 = ClipTokenizer.load(ReferenceTokenizers.clipTokenizerWithPad(temp, "\"!\""))) {
            PromptChunker c = new PromptChunker(sd2);
            int[] ids = c.chunk("a cat BREAK dog").chunks().getFirst().ids();
            assertArrayEquals(new int[] {49406, 320, 2368, 49407, 0}, Arrays.copyOf(ids, 5));
            assertTrue(Arrays.stream(ids, 4, 77).allMatch(id -> id == 0));
            assertEquals(c.emptyChunk(), c.chunk("").chunks().getFirst());
            assertArrayEquals(new int[] {49406, 49407, 0}, Arrays.copyOf(c.emptyChunk().ids(), 3));
        }
    }

    @Test
    void condAndUncondArePaddedWithEmptyChunks() {
        ChunkedPrompt cond = chunker.chunk("cat BREAK dog BREAK bird");
        ChunkedPrompt uncond = chunker.chunk("blurry");
        CondUncond pair = chunker.pair(cond, uncond);
        assertEquals(3, pair.cond().size());
        assertEquals(3, pair.uncond().size());
        assertEquals(uncond.chunks().getFirst(), pair.uncond().chunks().getFirst());
        assertEquals(chunker.chunk("").chunks().getFirst(), pair.uncond().chunks().get(2));
        assertEquals(cond, pair.cond());
    }

    @Test
    void emphasisNoneLeavesBracketsAsText() {
        int[] parsed = chunker.chunk("(red:1.5) BREAK cat").chunks().getFirst().ids();
        assertEquals(736, parsed[1]);
        ChunkedPrompt literal = chunker.chunk("(red:1.5) BREAK cat", Emphasis.NONE);
        assertEquals(1, literal.size(), "no BREAK handling without parsing, as A1111's emphasis \"None\"");
        int[] ids = literal.chunks().getFirst().ids();
        assertArrayEquals(Arrays.copyOf(tokenizer.ids("(red:1.5) BREAK cat"), 8), Arrays.copyOfRange(ids, 1, 9));
        assertTrue(literal.chunks().getFirst().unweighted());
    }

    @Test
    void oddPromptsWorkAndHugeOnesTakeLinearWork() {
        for (String odd : List.of("", "((((", "))))]]]", ":::", "(:1.2)", "(x:1.2.3)", "[[a]:2]", "1:2:3 (4:5)", "😀😀😀", "\\", "BREAK", "BREAK BREAK")) {
            ChunkedPrompt c = chunker.chunk(odd);
            assertTrue(c.size() >= 1, odd);
            c.chunks().forEach(chunk -> assertEquals(77, chunk.length()));
        }
        String unit = "a (red:1.3) [cat], \\(x\\) 😀 ((dog)) photo, BREAK ";
        String huge = unit.repeat(2500).substring(0, 100_000);
        PromptLayout layout = WorkGrowth.assertLinear("chunking 100 000 characters", unit.repeat(250), huge,
                chunker::layout);
        assertTrue(layout.chunkCount() > 100);
        assertTrue(layout.tokens().getLast().end() <= huge.length());
    }
}
