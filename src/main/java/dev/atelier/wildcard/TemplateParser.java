package dev.atelier.wildcard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sd-dynamic-prompts syntax: {@code {a|b}}, weights {@code {0.5::a|b}}, picks
 * {@code {2$$a|b|c}}, {@code {1-2$$a|b}}, separators {@code {2$$ and $$a|b}}, wildcards
 * {@code __name__}, and {@code \{} to write a literal brace.
 */
final class TemplateParser {
    private static final Pattern COUNT = Pattern.compile("^\\s*(\\d+)(?:\\s*-\\s*(\\d+))?\\s*\\$\\$");
    private static final Pattern WEIGHT = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)::");
    private static final Pattern WILDCARD = Pattern.compile("__([^\\s_{}|][^\\s{}|]*?)__");

    private TemplateParser() {
    }

    static TemplateNode parse(String text) {
        List<TemplateNode> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                literal.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '{') {
                int end = closing(text, i);
                flush(literal, parts);
                parts.add(variant(text.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '_' && text.startsWith("__", i)) {
                Matcher m = WILDCARD.matcher(text).region(i, text.length());
                if (m.lookingAt()) {
                    flush(literal, parts);
                    parts.add(new TemplateNode.Wildcard(m.group(1)));
                    i = m.end();
                } else {
                    literal.append(c);
                    i++;
                }
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, parts);
        return parts.size() == 1 ? parts.getFirst() : new TemplateNode.Sequence(parts);
    }

    private static void flush(StringBuilder literal, List<TemplateNode> parts) {
        if (!literal.isEmpty()) {
            parts.add(new TemplateNode.Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new WildcardException("the variant '{' at character " + (open + 1) + " is never closed; expected {a|b|c}");
    }

    private static TemplateNode variant(String body) {
        int min = 1;
        int max = 1;
        String separator = ", ";
        String rest = body;
        Matcher count = COUNT.matcher(body);
        if (count.find()) {
            min = Integer.parseInt(count.group(1));
            max = count.group(2) == null ? min : Integer.parseInt(count.group(2));
            if (max < min) {
                throw new WildcardException("the pick range {" + min + "-" + max + "$$…} runs backwards; expected low-high");
            }
            rest = body.substring(count.end());
            int sep = topLevel(rest, "$$");
            if (sep >= 0) {
                separator = rest.substring(0, sep);
                rest = rest.substring(sep + 2);
            }
        }
        List<TemplateNode.Option> options = new ArrayList<>();
        for (String option : split(rest)) {
            Matcher w = WEIGHT.matcher(option);
            double weight = 1;
            if (w.find()) {
                weight = Double.parseDouble(w.group(1));
                option = option.substring(w.end());
            }
            options.add(new TemplateNode.Option(weight, parse(option)));
        }
        return new TemplateNode.Variant(options, min, Math.min(max, options.size()), separator);
    }

    /** {@code text} split at {@code |} outside nested braces. */
    private static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '|' && depth == 0) {
                pieces.add(text.substring(start, i));
                start = i + 1;
            }
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    private static int topLevel(String text, String token) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return -1; // the separator comes before the first option
            } else if (depth == 0 && text.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }
}
