package dev.atelier.prompt;

/** One entry of a prompt schedule: {@code text} is used up to and including step index {@code endStep}. */
public record ScheduledPrompt(int endStep, String text) {
    public ScheduledPrompt {
        if (text == null) {
            throw new IllegalArgumentException("scheduled prompt text must not be null");
        }
    }
}
