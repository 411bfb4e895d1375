package dev.atelier.prompt;

/** One composer field (subject, style, lighting, …) and the text typed into it. */
public record PromptField(String name, String text) {
    public PromptField {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a prompt field needs a name");
        }
        if (text == null) {
            throw new IllegalArgumentException("text of field " + name + " must not be null (use \"\")");
        }
    }
}
