package dev.atelier.compare;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an axis varies. {@link #FIELD} and {@link #VARIANT} name the prompt part they set. */
public enum AxisKind {
    MODEL("model"),
    SEED("seed"),
    SCHEDULER("scheduler"),
    GUIDANCE("guidance"),
    STEPS("steps"),
    SIZE("size"),
    /** One structured prompt field's alternatives; the axis is named after the field. */
    FIELD("field"),
    /** A1111's Prompt S/R: the first value is the search text, each value replaces it. */
    PROMPT_SR("sr"),
    PRESET("preset"),
    /** A wildcard/variant template expanded into every combination, set into one prompt part. */
    VARIANT("variant");

    private final String axisName;

    AxisKind(String axisName) {
        this.axisName = axisName;
    }

    public String axisName() {
        return axisName;
    }

    /** The kind an axis name stands for; {@code cfg} is accepted for guidance, {@code prompt-sr} for S/R. */
    static Optional<AxisKind> fromName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "cfg" -> Optional.of(GUIDANCE);
            case "prompt-sr", "s/r", "prompt s/r" -> Optional.of(PROMPT_SR);
            case "wildcard" -> Optional.of(VARIANT);
            default -> Arrays.stream(values()).filter(k -> k != FIELD && k.axisName.equals(wanted)).findFirst();
        };
    }

    static String allNames() {
        return Arrays.stream(values()).filter(k -> k != FIELD).map(AxisKind::axisName)
                .collect(Collectors.joining(", ")) + ", or a prompt field (" + PromptPart.allNames() + ")";
    }
}
