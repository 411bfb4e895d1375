package dev.atelier.compare;

import dev.atelier.preset.PromptPreset;
import dev.atelier.scheduler.SchedulerKind;

import java.util.List;
import java.util.Objects;

/**
 * One grid axis with its values already checked and expanded (ranges, variants), so planning
 * needs no parser and a manifest replans exactly.
 *
 * @param kind    what the axis varies
 * @param part    the prompt part a {@link AxisKind#FIELD} or {@link AxisKind#VARIANT} axis sets; null otherwise
 * @param values  one label per value, in order (for S/R the first is the search text)
 * @param presets the resolved presets of a {@link AxisKind#PRESET} axis, one per value; empty otherwise
 */
public record Axis(AxisKind kind, PromptPart part, List<String> values, List<PromptPreset> presets) {
    public Axis {
        Objects.requireNonNull(kind, "kind");
        values = List.copyOf(values);
        presets = presets == null ? List.of() : List.copyOf(presets);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the " + nameOf(kind, part) + " axis has no values");
        }
        if ((kind == AxisKind.FIELD || kind == AxisKind.VARIANT) != (part != null)) {
            throw new IllegalArgumentException("a prompt part is needed by field and variant axes only, got "
                    + kind + " with " + part);
        }
        if (kind == AxisKind.PRESET ? presets.size() != values.size() : !presets.isEmpty()) {
            throw new IllegalArgumentException("a preset axis needs one preset per value");
        }
        for (String v : values) {
            check(kind, v);
        }
    }

    /** The name shown in legends and written on the command line: {@code seed}, {@code style}, … */
    public String name() {
        return nameOf(kind, part);
    }

    private static String nameOf(AxisKind kind, PromptPart part) {
        return switch (kind) {
            case FIELD -> part == null ? "field" : part.axisName();
            case VARIANT -> part == null ? "variant" : "variant:" + part.axisName();
            default -> kind.axisName();
        };
    }

    /** This axis with {@code more} values appended (for extending a saved grid). */
    public Axis plus(Axis more) {
        if (more.kind != kind || more.part != part) {
            throw new IllegalArgumentException("cannot extend the " + name() + " axis with " + more.name() + " values");
        }
        List<String> joined = new java.util.ArrayList<>(values);
        List<PromptPreset> joinedPresets = new java.util.ArrayList<>(presets);
        for (int i = 0; i < more.values.size(); i++) {
            if (!joined.contains(more.values.get(i))) {
                joined.add(more.values.get(i));
                if (kind == AxisKind.PRESET) {
                    joinedPresets.add(more.presets.get(i));
                }
            }
        }
        return new Axis(kind, part, joined, joinedPresets);
    }

    /** {@code settings} with value {@code index} of this axis applied. */
    public CellSettings apply(CellSettings settings, int index) {
        String v = values.get(index);
        return switch (kind) {
            case MODEL -> settings.withModel(v);
            case SEED -> settings.withRequest(r -> r.withSeed(Long.parseLong(v)));
            case SCHEDULER -> settings.withRequest(r -> r.withScheduler(SchedulerKind.fromCliName(v)));
            case GUIDANCE -> settings.withRequest(r -> r.withGuidance(Double.parseDouble(v)));
            case STEPS -> settings.withRequest(r -> r.withSteps(Integer.parseInt(v)));
            case SIZE -> {
                int[] wh = size(v);
                yield settings.withRequest(r -> r.withSize(wh[0], wh[1]));
            }
            case FIELD, VARIANT -> settings.withPrompt(settings.prompt().with(part, v));
            case PROMPT_SR -> settings.withPrompt(replace(settings.prompt(), values.get(0), v));
            case PRESET -> settings.withPrompt(applyPreset(settings.prompt(), presets.get(index)));
        };
    }

    /** A1111 S/R: the search text replaced in every field, negative included. */
    static StructuredPrompt replace(StructuredPrompt prompt, String search, String replacement) {
        StructuredPrompt out = prompt;
        for (PromptPart p : PromptPart.values()) {
            out = out.with(p, prompt.text(p).replace(search, replacement));
        }
        return out;
    }

    /** A preset merges into the free-text field (positive) and the negative field, as A1111 merges styles. */
    private static StructuredPrompt applyPreset(StructuredPrompt prompt, PromptPreset preset) {
        String positive = prompt.positive();
        String merged = PromptPreset.merge(preset.prompt(), positive);
        StructuredPrompt out = prompt;
        if (merged.startsWith(positive) && !positive.isEmpty()) {
            // appended: the preset's text joins the free-text field, the other fields stay as they are
            String tail = merged.substring(positive.length()).replaceFirst("^, ", "");
            out = out.with(PromptPart.FREE_TEXT, PromptPreset.merge(tail, prompt.text(PromptPart.FREE_TEXT)));
        } else {
            // a {prompt} placeholder wraps the whole prompt: it no longer splits into fields
            for (PromptPart p : PromptPart.values()) {
                if (p.positive()) {
                    out = out.with(p, "");
                }
            }
            out = out.with(PromptPart.FREE_TEXT, merged);
        }
        return out.with(PromptPart.NEGATIVE, PromptPreset.merge(preset.negativePrompt(), prompt.negative()));
    }

    static int[] size(String value) {
        String[] wh = value.strip().toLowerCase(java.util.Locale.ROOT).split("\\s*[x×]\\s*");
        try {
            if (wh.length == 2) {
                return new int[]{Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("size \"" + value + "\" is not WIDTHxHEIGHT, e.g. 512x768");
    }

    private static void check(AxisKind kind, String v) {
        switch (kind) {
            case SEED -> {
                long seed = Long.parseLong(v);
                if (seed < 0) {
                    throw new IllegalArgumentException("seed " + v + " is negative; seeds are 0 .. 2^63-1");
                }
            }
            case SCHEDULER -> SchedulerKind.fromCliName(v);
            case GUIDANCE -> dev.atelier.pipeline.GenerationRequest.of("").withGuidance(Double.parseDouble(v));
            case STEPS -> dev.atelier.pipeline.GenerationRequest.of("").withSteps(Integer.parseInt(v));
            case SIZE -> {
                int[] wh = size(v);
                dev.atelier.pipeline.GenerationRequest.of("").withSize(wh[0], wh[1]);
            }
            default -> {
            }
        }
    }
}
