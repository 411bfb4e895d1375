package dev.atelier.wildcard;

import java.util.List;

/** A parsed dynamic-prompts template: text, {@code {a|b}} variants and {@code __name__} wildcards. */
sealed interface TemplateNode {
    /** Plain text. */
    record Literal(String text) implements TemplateNode {
    }

    /** Parts one after another. */
    record Sequence(List<TemplateNode> parts) implements TemplateNode {
        public Sequence {
            parts = List.copyOf(parts);
        }
    }

    /** One option of a variant and its weight (1 unless written {@code 0.5::text}). */
    record Option(double weight, TemplateNode body) {
    }

    /** {@code {min-max$$separator$$a|b|c}}: picks between {@code min} and {@code max} distinct options. */
    record Variant(List<Option> options, int min, int max, String separator) implements TemplateNode {
        public Variant {
            options = List.copyOf(options);
        }
    }

    /** {@code __name__}. */
    record Wildcard(String name) implements TemplateNode {
    }
}
