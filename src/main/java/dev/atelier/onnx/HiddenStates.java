package dev.atelier.onnx;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Picks {@code hidden_states.N} outputs of a CLIP text encoder exported with {@code output_hidden_states}. */
public final class HiddenStates {
    private static final Pattern NAME = Pattern.compile("hidden_states\\.(\\d+)");

    private HiddenStates() {
    }

    /** The second-to-last {@code hidden_states.*} output (diffusers' {@code hidden_states[-2]}). */
    public static Optional<String> penultimate(Signature encoder) {
        int max = -1;
        for (String name : encoder.outputNames()) {
            Matcher m = NAME.matcher(name);
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        if (max < 1) {
            return Optional.empty();
        }
        String name = "hidden_states." + (max - 1);
        return encoder.output(name).isPresent() ? Optional.of(name) : Optional.empty();
    }
}
