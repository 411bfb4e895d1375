package dev.atelier.prompt;

import dev.atelier.tokenizer.WorkGrowth;
import dev.atelier.tokenizer.ReferenceTokenizers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptParserTest {
    private static final Pattern PY_EXAMPLE = Pattern.compile("`'(.*)'` → `(\\[\\[.*]])`");
    private static final Pattern PY_PAIR = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)',\\s*([0-9.]+)]");
    private static final Pattern PRECISE_EXAMPLE = Pattern.compile("^- `'(.*)'` → (`.*)$");
    private static final Pattern PRECISE_PAIR = Pattern.compile("`([^`]*)`\\s*([0-9.]+)");

    record Example(String prompt, List<PromptFragment> expected) {
    }

    /** The parse_prompt_attention doctests of PROMPT-SYNTAX.md, in both notations used there. */
    static List<Example> referenceExamples() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (String line : Files.readAllLines(ReferenceTokenizers.referenceDir().resolve("PROMPT-SYNTAX.md"))) {
            Matcher py = PY_EXAMPLE.matcher(line);
            Matcher precise = PRECISE_EXAMPLE.matcher(line);
            Pattern pairs;
            String prompt;
            String list;
            if (py.find()) {
                prompt = py.group(1);
                list = py.group(2);
                pairs = PY_PAIR;
            } else if (precise.find()) {
                prompt = precise.group(1);
                list = precise.group(2);
                pairs = PRECISE_PAIR;
            } else {
                continue;
            }
            List<PromptFragment> expected = new ArrayList<>();
            Matcher m = pairs.matcher(list);
            while (m.find()) {
                expected.add(new PromptFragment(m.group(1), Float.parseFloat(m.group(2))));
            }
            examples.add(new Example(prompt, expected));
        }
        return examples;
    }

    private static void assertFragments(List<PromptFragment> expected, List<PromptFragment> actual, String prompt) {
        assertEquals(expected.stream().map(PromptFragment::text).toList(), actual.stream().map(PromptFragment::text).toList(),
                "texts of " + prompt);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).weight(), actual.get(i).weight(), 1e-6 * Math.abs(expected.get(i).weight()),
                    "weight of \"" + expected.get(i).text() + "\" in " + prompt);
        }
    }

    @Test
    void referenceDoctestsParseExactly() throws IOException {
        List<Example> examples = referenceExamples();
        assertTrue(examples.size() >= 4, "expected the 4 doctest lines of PROMPT-SYNTAX.md, found " + examples.size());
        assertTrue(examples.stream().anyMatch(e -> e.prompt().equals("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky)))."))
                && examples.stream().allMatch(e -> !e.expected().isEmpty()), "doctest lines read");
        for (Example e : examples) {
            assertFragments(e.expected(), PromptParser.parse(e.prompt()), e.prompt());
        }
    }

    private static List<PromptFragment> f(Object... textWeight) {
        List<PromptFragment> out = new ArrayList<>();
        for (int i = 0; i < textWeight.length; i += 2) {
            out.add(new PromptFragment((String) textWeight[i], ((Number) textWeight[i + 1]).floatValue()));
        }
        return out;
    }

    @Test
    void bracketsNestAndMultiply() {
        assertFragments(f("a ", 1, "b", 1.21, " c", 1), PromptParser.parse("a ((b)) c"), "double round");
        assertFragments(f("x", 1 / 1.1 / 1.1), PromptParser.parse("[[x]]"), "double square");
        assertFragments(f("x", 1.5 * 1.1), PromptParser.parse("((x:1.5))"), "(x:1.5) inside (...)");
        assertFragments(f("x", 1.5 * 1.1 * 1.1), PromptParser.parse("(((x:1.5)))"), "(x:1.5) inside ((...)): multiplies");
        assertFragments(f("x", 0.0), PromptParser.parse("(x:0)"), "zero weight");
        assertFragments(f("x", -1.0), PromptParser.parse("(x:-1)"), "negative weight");
        assertFragments(f("x", 1.2), PromptParser.parse("(x: 1.2 )"), "spaces around the number");
        assertFragments(f("x:y", 1.1), PromptParser.parse("(x:y)"), "a colon without a number is text");
    }

    @Test
    void escapesAreLiteral() {
        assertFragments(f("(x) [y] \\z", 1), PromptParser.parse("\\(x\\) \\[y\\] \\\\z"), "escapes");
        // escapes are appended with weight 1 and then multiplied with their bracket, so "a(b)" shares 1.1
        assertFragments(f("a(b)", 1.1, " c", 1), PromptParser.parse("(a\\(b\\)) c"), "escaped parens inside emphasis");
        assertFragments(f("a", 1), PromptParser.parse("a\\"), "a lone backslash disappears");
    }

    @Test
    void unbalancedBracketsFollowA1111() {
        assertFragments(f("a ", 1, "b c", 1.1), PromptParser.parse("a (b c"), "unclosed ( applies to the rest");
        assertFragments(f("a ", 1, "b", 1 / 1.1), PromptParser.parse("a [b"), "unclosed [ applies to the rest");
        assertFragments(f("a) b] c", 1), PromptParser.parse("a) b] c"), "stray closers are text");
        assertFragments(f("x:1.2)", 1), PromptParser.parse("x:1.2)"), "a weight without ( is text");
        assertFragments(f("a ", 1, "b", 1.1 * 1.1, " c", 1.1), PromptParser.parse("a ((b) c"), "one closed, one open");
        assertFragments(f("x]", 1.1), PromptParser.parse("(x]"), "] without [ inside an open (");
    }

    @Test
    void breakIsAMarker() {
        assertEquals(List.of(new PromptFragment("cat", 1), PromptFragment.BREAK, new PromptFragment("dog", 1)),
                PromptParser.parse("cat BREAK dog"));
        assertEquals(List.of(new PromptFragment("cat", 1), PromptFragment.BREAK, new PromptFragment("", 1)),
                PromptParser.parse("cat BREAK"), "re.split keeps the empty part after a trailing BREAK");
        assertEquals(List.of(new PromptFragment("BREAKFAST break", 1)), PromptParser.parse("BREAKFAST break"),
                "whole uppercase word only");
        List<PromptFragment> inside = PromptParser.parse("(a BREAK b)");
        assertFalse(inside.stream().anyMatch(PromptFragment::isBreak), "A1111 multiplies the marker inside brackets, so it is text");
        assertTrue(PromptParser.parse("a\nBREAK\nb").stream().anyMatch(PromptFragment::isBreak), "newlines around BREAK");
    }

    @Test
    void degenerateInputs() {
        assertEquals(List.of(new PromptFragment("", 1)), PromptParser.parse(""));
        assertEquals(List.of(new PromptFragment("", 1)), PromptParser.parse("()"), "empty brackets leave nothing to weigh");
        assertEquals(List.of(new PromptFragment("(x:1.2.3)", 1)), PromptParser.parse("(x:1.2.3)"),
                "a weight Python cannot read: the prompt is used as plain text");
        assertEquals(List.of(new PromptFragment("x", 1.5f)), PromptParser.parse("(x:１.５)"), "Unicode digits, as Python reads them");
        assertEquals("::: 1:2 :3 a:b", PromptParser.parse("::: 1:2 :3 a:b").getFirst().text(), "stray colons and numbers");
    }

    @Test
    void hugeAndDeepPromptsTakeLinearWork() {
        String unit = "a (red:1.3) [cat], \\(x\\) BREAK 😀 ((dog)) ";
        String big = unit.repeat(2500).substring(0, 100_000);
        List<PromptFragment> parsed = WorkGrowth.assertLinear("parsing 100 000 characters", unit.repeat(250), big,
                PromptParser::parse);
        assertTrue(parsed.size() > 10_000);
        String nested = "(a".repeat(300) + ")".repeat(300);
        List<PromptFragment> levels = PromptParser.parse(nested);
        assertEquals(300, levels.size(), "each nesting level has its own weight");
        assertEquals(Math.pow(1.1, 300), levels.getLast().weight(), 1e-6 * Math.pow(1.1, 300));
        String deep = "(a".repeat(20_000) + ")".repeat(20_000);  // 1.1^20000 overflows: not a usable weight
        List<PromptFragment> overflow = WorkGrowth.assertLinear("20 000 nesting levels",
                "(a".repeat(2_000) + ")".repeat(2_000), deep, PromptParser::parse);
        assertEquals(List.of(new PromptFragment(deep, 1)), overflow, "weights beyond float range: plain text");
    }
}
