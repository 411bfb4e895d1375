package dev.atelier.tokenizer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real SD 1.x vocabulary against the prompt → ids table pinned in src/test/resources/reference/TOKENIZER.md. */
class ClipTokenizerReferenceTest {
    private static final Pattern ROW = Pattern.compile("^\\| (.*?) \\| \\[([0-9, ]+)][^|]* \\|");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static ClipTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = ClipTokenizer.load(ReferenceTokenizers.clipTokenizerDir());
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    record Pair(String prompt, int[] ids) {
    }

    /** Rows of section 4.4; a cell like {@code `""` and `"    \t\n"`} holds Python string literals. */
    static List<Pair> referencePairs() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(ReferenceTokenizers.referenceDir().resolve("TOKENIZER.md"))) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            int[] ids = Arrays.stream(row.group(2).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            Matcher code = CODE.matcher(row.group(1));
            while (code.find()) {
                String text = code.group(1);
                if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                    text = text.substring(1, text.length() - 1).replace("\\t", "\t").replace("\\n", "\n");
                }
                pairs.add(new Pair(text, ids));
            }
        }
        return pairs;
    }

    private static int[] withSpecials(String text) {
        return IntStream.concat(IntStream.concat(IntStream.of(tokenizer.bosId()), Arrays.stream(tokenizer.ids(text))),
                IntStream.of(tokenizer.eosId())).toArray();
    }

    @Test
    void everyReferencePairMatches() throws IOException {
        List<Pair> pairs = referencePairs();
        assertTrue(pairs.size() >= 20, "expected the 19 rows (20 prompts) of TOKENIZER.md 4.4, parsed " + pairs.size());
        for (Pair p : pairs) {
            assertArrayEquals(p.ids(), withSpecials(p.prompt()), "ids of " + ReferenceTokenizers.quote(p.prompt()));
        }
    }

    @Test
    void specialIdsComeFromTheConfig() {
        assertEquals(49406, tokenizer.bosId());
        assertEquals(49407, tokenizer.eosId());
        assertEquals(49407, tokenizer.padId(), "SD 1.x pads with <|endoftext|>");
        assertEquals(77, tokenizer.maxLength());
        assertEquals(49408, tokenizer.vocabularySize());
        assertEquals(267, tokenizer.tokenId(",</w>").orElseThrow());
        assertTrue(tokenizer.tokenId("no such token").isEmpty());
    }

    @Test
    void encodePaddedTruncatesTo75AndPads() {
        int[] cat = tokenizer.encodePadded("a photo of a cat");
        assertEquals(77, cat.length);
        assertArrayEquals(new int[] {49406, 320, 1125, 539, 320, 2368, 49407, 49407}, Arrays.copyOf(cat, 8));
        assertTrue(Arrays.stream(cat, 6, 77).allMatch(id -> id == 49407));

        int[] words = tokenizer.ids("cat ".repeat(100));
        assertEquals(100, words.length);
        int[] padded = tokenizer.encodePadded("cat ".repeat(100));
        assertEquals(77, padded.length);
        assertEquals(49406, padded[0]);
        assertArrayEquals(Arrays.copyOf(words, 75), Arrays.copyOfRange(padded, 1, 76));
        assertEquals(49407, padded[76]);
    }

    @Test
    void padIdFollowsPadTokenOfTheFolder(@TempDir Path temp) throws IOException {
        Path sd2 = ReferenceTokenizers.clipTokenizerWithPad(temp.resolve("sd2"), "\"!\"");
        try (ClipTokenizer t = ClipTokenizer.load(sd2)) {
            assertEquals(0, t.padId(), "SD 2.x / SDXL tokenizer_2 pad with \"!\" = 0");
            int[] padded = t.encodePadded("a cat");
            assertArrayEquals(new int[] {49406, 320, 2368, 49407, 0}, Arrays.copyOf(padded, 5));
            assertTrue(Arrays.stream(padded, 4, 77).allMatch(id -> id == 0));
            assertArrayEquals(new int[] {320, 2368, 256}, t.ids("a cat!"), "\"!\" is ordinary text, not a special token");
        }
        Path object = ReferenceTokenizers.clipTokenizerWithPad(temp.resolve("obj"),
                "{\"content\": \"<|endoftext|>\", \"lstrip\": false, \"normalized\": true}");
        try (ClipTokenizer t = ClipTokenizer.load(object)) {
            assertEquals(49407, t.padId(), "AddedToken objects are read through their content");
        }
    }

    @Test
    void offsetsPointIntoTheOriginalText() {
        String text = "A PHOTO of  a Cat!";
        List<Token> tokens = tokenizer.tokenize(text);
        List<String> pieces = tokens.stream().map(t -> text.substring(t.start(), t.end())).toList();
        assertEquals(List.of("A", "PHOTO", "of", "a", "Cat", "!"), pieces);

        String emoji = "emoji 😀 test";
        List<Token> e = tokenizer.tokenize(emoji);
        assertEquals(List.of("emoji", "😀", "test"), e.stream().map(t -> emoji.substring(t.start(), t.end())).toList(),
                "offsets count UTF-16 units, so text after an emoji lines up");

        String decomposed = "cafe\u0301 ok";  // NFC composes é; offsets still index the decomposed original
        List<Token> d = tokenizer.tokenize(decomposed);
        assertEquals(tokenizer.ids("café ok").length, d.size());
        assertEquals("ok", decomposed.substring(d.getLast().start(), d.getLast().end()));
        assertEquals(0, d.getFirst().start());
    }

    @Test
    void offsetsAreOrderedAndInsideTheText() {
        for (String text : List.of("日本語のテキスト", "café über naïve", "  x  İstanbul ﬁsh  ", "1,000,000 steps",
                "<|endoftext|> literal", "👩‍👩‍👧 family, 🏳️‍🌈 flag", "tab\there\nnew line")) {
            List<Token> tokens = tokenizer.tokenize(text);
            assertFalse(tokens.isEmpty(), text);
            int previousStart = 0;
            for (Token t : tokens) {
                assertTrue(t.start() >= previousStart && t.end() <= text.length() && t.end() > t.start(),
                        "token " + t + " of " + ReferenceTokenizers.quote(text));
                assertFalse(Character.isLowSurrogate(text.charAt(t.start())), "offset splits a surrogate pair: " + t);
                previousStart = t.start();
            }
        }
    }

    @Test
    void hundredThousandCharactersTakeLinearWork() {
        String unit = "a (photo) of a 🐱 cat, 日本語 naïve 1,000 ";
        String text = unit.repeat(3000).substring(0, 100_000);
        List<Token> tokens = WorkGrowth.assertLinear("100 000 mixed characters", unit.repeat(300), text,
                tokenizer::tokenize);
        assertTrue(tokens.size() > 20_000, "got " + tokens.size());
        assertTrue(tokens.getLast().end() <= text.length());
        String oneWord = "x".repeat(100_000);  // one giant pre-token: BPE must not go quadratic
        List<Token> word = WorkGrowth.assertLinear("one 100 000-letter word", "x".repeat(10_000), oneWord,
                tokenizer::tokenize);
        assertEquals(oneWord.length(), word.getLast().end());
    }
}
