package dev.atelier.wildcard;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptExpanderTest {
    @TempDir
    Path dir;
    private PromptExpander expander;

    @BeforeEach
    void wildcards() throws IOException {
        Files.writeString(dir.resolve("colour.txt"), "# colours\nred\n\n  blue  \n{light|dark} green\n");
        Files.createDirectories(dir.resolve("animals"));
        Files.writeString(dir.resolve("animals/cats.txt"), "tabby\nsiamese\n");
        Files.writeString(dir.resolve("animals/dogs.txt"), "corgi\n");
        Files.writeString(dir.resolve("self.txt"), "more __self__\n");
        expander = new PromptExpander(new WildcardFolder(dir));
    }

    @Test
    void combinatorialListsEveryCombinationInOrder() {
        assertEquals(List.of("a red cat", "a red dog", "a blue cat", "a blue dog"), expander.all("a {red|blue} {cat|dog}", 100));
        assertEquals(List.of("red", "blue", "light green", "dark green"), expander.all("__colour__", 100));
        assertEquals(List.of("a, b", "a, c", "b, c"), expander.all("{2$$a|b|c}", 100));
        assertEquals(List.of("a", "b", "a and b"), expander.all("{1-2$$ and $$a|b}", 100));
        assertEquals(List.of("tabby", "siamese"), expander.all("__animals/cats__", 100));
        assertEquals(List.of("tabby", "siamese", "corgi"), expander.all("__animals/*__", 100));
        assertEquals(List.of("a red cat", "a red dog"), expander.all("a {red|blue} {cat|dog}", 2));
    }

    @Test
    void countMatchesTheCombinations() {
        for (String t : List.of("a {red|blue} {cat|dog}", "__colour__ {2$$a|b|c}", "{1-2$$ and $$a|{b|c}}", "plain", "")) {
            assertEquals(expander.all(t, 10_000).size(), expander.count(t), t);
        }
        assertEquals(Long.MAX_VALUE, expander.count("{a|b}".repeat(70)), "saturates instead of overflowing");
    }

    @Test
    void randomIsReproducibleFromTheSeed() {
        String template = "a __colour__ {cat|dog|bird} on {2$$grass|sand|snow|rock}";
        assertEquals(expander.random(template, 42), expander.random(template, 42));
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            String prompt = expander.random(template, seed);
            assertTrue(expander.all(template, 10_000).contains(prompt), prompt);
            seen.add(prompt);
        }
        assertTrue(seen.size() > 20, "seeds give different prompts: " + seen.size());
    }

    @Test
    void weightsSkewTheRandomChoice() {
        Map<String, Integer> counts = new HashMap<>();
        for (long seed = 0; seed < 1000; seed++) {
            counts.merge(expander.random("{9::often|1::rare}", seed), 1, Integer::sum);
        }
        assertTrue(counts.get("often") > 800 && counts.get("rare") > 30, counts.toString());
    }

    @Test
    void escapesAndPlainTextStayAsTheyAre() {
        assertEquals(List.of("a {b} c"), expander.all("a \\{b\\} c", 10));
        assertFalse(PromptExpander.isDynamic("a (cat:1.2) [dog]"));
        assertTrue(PromptExpander.isDynamic("a {cat|dog}"));
        assertEquals("my_file_name", expander.random("my_file_name", 1));
    }

    @Test
    void selfIncludingWildcardStopsAtTheDepthLimit() {
        WildcardException e = assertThrows(WildcardException.class, () -> expander.random("__self__", 1));
        assertTrue(e.getMessage().contains("__self__") && e.getMessage().contains("deeper than 16"), e.getMessage());
        assertThrows(WildcardException.class, () -> expander.count("__self__"));
    }

    @Test
    void missingWildcardNamesTheFileExpected() {
        WildcardException e = assertThrows(WildcardException.class, () -> expander.all("a __flowers__", 10));
        assertTrue(e.getMessage().contains("__flowers__") && e.getMessage().contains("flowers.txt"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        WildcardException none = assertThrows(WildcardException.class, () -> new PromptExpander(null).count("__x__"));
        assertTrue(none.getMessage().contains("no wildcards folder"), none.getMessage());
        assertThrows(WildcardException.class, () -> expander.count("__../etc/passwd__"));
        WildcardException open = assertThrows(WildcardException.class, () -> expander.count("a {b|c"));
        assertTrue(open.getMessage().contains("never closed"), open.getMessage());
    }
}
