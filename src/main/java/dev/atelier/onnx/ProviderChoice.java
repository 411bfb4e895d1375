package dev.atelier.onnx;

import java.util.Objects;
import java.util.Optional;

/**
 * Which execution provider was asked for and which one runs.
 *
 * @param requested the device asked for
 * @param used      the device the sessions run on
 * @param warning   why {@code used} differs from {@code requested}, or {@code null}
 */
public record ProviderChoice(Device requested, Device used, String warning) {
    public ProviderChoice {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(used, "used");
        if ((requested != used) != (warning != null)) {
            throw new IllegalArgumentException("a warning is given exactly when the device fell back");
        }
    }

    public boolean fellBack() {
        return requested != used;
    }

    public Optional<String> warningText() {
        return Optional.ofNullable(warning);
    }
}
