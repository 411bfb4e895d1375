package dev.atelier.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A1111's {@code prompt_parser.parse_prompt_attention}, step for step: {@code (x)} ×1.1, {@code [x]}
 * ÷1.1, {@code (x:w)} ×w, multiplicative nesting, {@code \( \) \[ \] \\} escapes, unclosed brackets
 * applied at the end, stray closers kept as text, {@code BREAK} markers, equal-weight runs merged.
 * Weights are computed in double as Python does, so merging and the published numbers match.
 * A prompt whose weight cannot be read (e.g. {@code (x:1.2.3)}) or overflows a float is used as plain text.
 */
public final class PromptParser {
    // verbatim A1111 regex; Python 3's \s, \d and \b are Unicode-aware, hence UNICODE_CHARACTER_CLASS
    private static final Pattern ATTENTION = Pattern.compile(
            "\\\\\\(|\\\\\\)|\\\\\\[|\\\\]|\\\\\\\\|\\\\|\\(|\\[|:\\s*([+-]?[.\\d]+)\\s*\\)|\\)|]|[^\\\\()\\[\\]:]+|:",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern BREAK = Pattern.compile("\\s*\\bBREAK\\b\\s*", Pattern.UNICODE_CHARACTER_CLASS | Pattern.DOTALL);
    private static final double ROUND = 1.1;
    private static final double SQUARE = 1 / 1.1;

    private PromptParser() {
    }

    /** Fragments of {@code prompt} with their weights; never empty ({@code [("", 1)]} for an empty prompt). */
    public static List<PromptFragment> parse(String prompt) {
        return parseWithSources(prompt).stream().map(SourcedFragment::fragment).toList();
    }

    /** {@code text} split at its {@code BREAK} keywords, as the prompt language splits it (segments may be empty). */
    public static List<String> splitAtBreaks(String text) {
        return List.of(BREAK.split(text, -1));
    }

    /** The whole prompt as one weight-1 fragment (A1111's emphasis "None": brackets are literal text). */
    static List<SourcedFragment> literal(String prompt) {
        return List.of(new SourcedFragment(new PromptFragment(prompt, 1f), IntStream.range(0, prompt.length()).toArray()));
    }

    static List<SourcedFragment> parseWithSources(String prompt) {
        if (prompt == null) {
            throw new IllegalArgumentException("prompt must not be null");
        }
        List<Piece> pieces;
        try {
            pieces = attention(prompt);
        } catch (NumberFormatException unreadableWeight) {
            return literal(prompt);
        }
        // weights A1111 would turn into inf/NaN (e.g. 1.1^1000 from deep nesting) are not usable either
        if (pieces.stream().anyMatch(p -> !Float.isFinite((float) p.weight))) {
            return literal(prompt);
        }
        return merge(pieces);
    }

    /** A fragment under construction: text, weight, and the prompt index of each character. */
    private static final class Piece {
        final StringBuilder text = new StringBuilder();
        final List<int[]> sources = new ArrayList<>();
        double weight;

        Piece(String text, double weight, int[] sources) {
            this.text.append(text);
            this.sources.add(sources);
            this.weight = weight;
        }

        SourcedFragment toFragment() {
            int[] all = new int[text.length()];
            int at = 0;
            for (int[] s : sources) {
                System.arraycopy(s, 0, all, at, s.length);
                at += s.length;
            }
            return new SourcedFragment(new PromptFragment(text.toString(), (float) weight), all);
        }
    }

    private static List<Piece> attention(String prompt) {
        List<Piece> res = new ArrayList<>();
        List<Integer> round = new ArrayList<>();
        List<Integer> square = new ArrayList<>();
        Matcher m = ATTENTION.matcher(prompt);
        while (m.find()) {
            String text = m.group();
            String weight = m.group(1);
            if (text.startsWith("\\")) {
                res.add(new Piece(text.substring(1), 1.0, range(m.start() + 1, m.end())));
            } else if (text.equals("(")) {
                round.add(res.size());
            } else if (text.equals("[")) {
                square.add(res.size());
            } else if (weight != null && !round.isEmpty()) {
                multiply(res, round.removeLast(), parseNumber(weight));
            } else if (text.equals(")") && !round.isEmpty()) {
                multiply(res, round.removeLast(), ROUND);
            } else if (text.equals("]") && !square.isEmpty()) {
                multiply(res, square.removeLast(), SQUARE);
            } else {
                splitBreaks(res, text, m.start());
            }
        }
        for (int start : round) {
            multiply(res, start, ROUND);
        }
        for (int start : square) {
            multiply(res, start, SQUARE);
        }
        if (res.isEmpty()) {
            res.add(new Piece("", 1.0, new int[0]));
        }
        return res;
    }

    /** {@code re.split(re_break, text)}: every part is kept (empty ones too), a marker between parts. */
    private static void splitBreaks(List<Piece> res, String text, int offset) {
        if (!text.contains("BREAK")) {  // the common case; scanning with \s* at every position is not free
            res.add(new Piece(text, 1.0, range(offset, offset + text.length())));
            return;
        }
        Matcher b = BREAK.matcher(text);
        int from = 0;
        while (b.find()) {
            res.add(new Piece(text.substring(from, b.start()), 1.0, range(offset + from, offset + b.start())));
            int word = b.group().indexOf("BREAK");
            res.add(new Piece("BREAK", -1.0, range(offset + b.start() + word, offset + b.start() + word + 5)));
            from = b.end();
        }
        res.add(new Piece(text.substring(from), 1.0, range(offset + from, offset + text.length())));
    }

    private static void multiply(List<Piece> res, int start, double multiplier) {
        for (int p = start; p < res.size(); p++) {
            res.get(p).weight *= multiplier;
        }
    }

    /** Python's {@code float()} of {@code [+-]?[.\d]+}, where \d may be any Unicode decimal digit. */
    private static double parseNumber(String number) {
        StringBuilder ascii = new StringBuilder(number.length());
        number.codePoints().forEach(c -> ascii.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : (char) c));
        return Double.parseDouble(ascii.toString());
    }

    private static List<SourcedFragment> merge(List<Piece> res) {
        List<Piece> merged = new ArrayList<>();
        for (Piece p : res) {
            Piece last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && last.weight == p.weight) {
                last.text.append(p.text);
                last.sources.addAll(p.sources);
            } else {
                merged.add(p);
            }
        }
        return merged.stream().map(Piece::toFragment).toList();
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
