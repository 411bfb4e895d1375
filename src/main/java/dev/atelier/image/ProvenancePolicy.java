package dev.atelier.image;

import java.time.Clock;
import java.util.Objects;

/**
 * Whether the images of a run carry the AI provenance label, and whether the prompt goes into it:
 * on by default, the prompt only when the user opts in ({@code --label-prompt}). One policy labels
 * every image of a run alike: a grid's cells and its sheet, a generation and its previews.
 *
 * @param on         false: no label at all ({@code --no-label})
 * @param withPrompt the prompt goes into the label too (opt-in)
 * @param version    the Atelier version written into the label
 * @param clock      the label's date
 */
public record ProvenancePolicy(boolean on, boolean withPrompt, String version, Clock clock) {
    public ProvenancePolicy {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clock, "clock");
    }

    /** Atelier's policy: labelled unless {@code off}, the prompt only with {@code withPrompt}. */
    public static ProvenancePolicy atelier(boolean off, boolean withPrompt) {
        return new ProvenancePolicy(!off, withPrompt, ProvenanceLabel.ATELIER_VERSION, Clock.systemUTC());
    }

    /** No label at all ({@code --no-label}; tests that look at other metadata). */
    public static ProvenancePolicy none() {
        return atelier(true, false);
    }

    /** The label of an image made with {@code systemName} from {@code prompt}; null when labels are off. */
    public ProvenanceLabel label(String systemName, String prompt) {
        if (!on) {
            return null;
        }
        ProvenanceLabel label = ProvenanceLabel.atelier(version, systemName, clock.instant());
        return withPrompt ? label.withPrompt(prompt) : label;
    }
}
