package dev.atelier.ui.composer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Words the composer offers as chips, grouped per field (e.g. style → medium, palette, quality),
 * plus the subject parts and template a model was trained on.
 *
 * @param source       where the words came from, shown to the user ("tiny-shapes", "general list")
 * @param fromModel    true when read from the model's own {@code prompt_vocabulary.json}
 * @param subjectParts ordered part name → words (e.g. size, color, shape, background); may be empty
 * @param template     subject template with {@code {part}} holes, or "" when the model has none
 * @param groups       field → ordered group name → words
 */
public record Vocabulary(String source, boolean fromModel, Map<String, List<String>> subjectParts,
                         String template, Map<ComposerField, Map<String, List<String>>> groups) {

    public Vocabulary {
        Objects.requireNonNull(source, "source");
        subjectParts = copy(subjectParts);
        template = Objects.requireNonNullElse(template, "");
        Map<ComposerField, Map<String, List<String>>> g = new LinkedHashMap<>();
        groups.forEach((field, byGroup) -> g.put(field, copy(byGroup)));
        groups = Collections.unmodifiableMap(g);
    }

    /** Every group of {@code field}, in order; empty when the vocabulary has no words for it. */
    public Map<String, List<String>> groupsOf(ComposerField field) {
        return groups.getOrDefault(field, Map.of());
    }

    /** All words of {@code field}, flattened. */
    public List<String> wordsOf(ComposerField field) {
        List<String> all = new ArrayList<>();
        groupsOf(field).values().forEach(all::addAll);
        return all;
    }

    /** Fills the template's {@code {part}} holes; parts left blank are dropped with their space. */
    public String fillTemplate(Map<String, String> picks) {
        String text = template;
        for (String part : subjectParts.keySet()) {
            String value = picks.getOrDefault(part, "");
            text = text.replace("{" + part + "}", value == null ? "" : value.strip());
        }
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * Reads the parts back out of a subject written with the template ("a large red star on a blue
     * background" → size=large, color=red, …); empty when the subject does not follow the template.
     */
    public Map<String, String> parseSubject(String subject) {
        if (template.isEmpty()) {
            return Map.of();
        }
        StringBuilder regex = new StringBuilder("^");
        List<String> order = new ArrayList<>();
        for (String piece : template.strip().split("\\s+")) {
            if (regex.length() > 1) {
                regex.append("\\s*");
            }
            String part = piece.startsWith("{") && piece.endsWith("}") ? piece.substring(1, piece.length() - 1) : null;
            if (part != null && subjectParts.containsKey(part)) {
                order.add(part);
                regex.append('(').append(String.join("|", subjectParts.get(part).stream()
                        .map(java.util.regex.Pattern::quote).toList())).append(")?");
            } else {
                regex.append(java.util.regex.Pattern.quote(piece));
            }
        }
        var m = java.util.regex.Pattern.compile(regex.append("$").toString(), java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(subject.strip());
        if (!m.matches()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            out.put(order.get(i), m.group(i + 1) == null ? "" : m.group(i + 1));
        }
        return out;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> in) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }
}
