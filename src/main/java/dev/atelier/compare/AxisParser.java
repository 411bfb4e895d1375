package dev.atelier.compare;

import dev.atelier.preset.PromptPreset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads axes written as {@code name=values}: {@code seed=1-4}, {@code scheduler=ddim,euler-a},
 * {@code "style=watercolor|pixel art"}, {@code size=512x512,512x768}, {@code sr=dog,cat},
 * {@code preset=Cinematic,Noir}, {@code variant:subject=a {red|blue} {ball|cube}}. Every problem
 * is one {@link IllegalArgumentException} whose message names the axis and what was expected.
 *
 * <p>Presets are found by an injected lookup and variant templates expanded by an injected
 * combinatorial expander (the library's), so this class knows neither file format.
 */
public final class AxisParser {
    private final Function<String, Optional<PromptPreset>> presets;
    private final Function<String, List<String>> variants;

    /**
     * @param presets  a preset by name, empty when there is none
     * @param variants every combination a wildcard/variant template expands into, in order
     */
    public AxisParser(Function<String, Optional<PromptPreset>> presets, Function<String, List<String>> variants) {
        this.presets = Objects.requireNonNull(presets, "presets");
        this.variants = Objects.requireNonNull(variants, "variants");
    }

    /** Parses one axis; {@code base} is the grid's base settings (Prompt S/R searches its prompt). */
    public Axis parse(String spec, CellSettings base) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("axis \"" + spec + "\" is not NAME=VALUES, e.g. seed=1-4 or "
                    + "\"style=watercolor|pixel art\"");
        }
        String name = spec.substring(0, eq).strip();
        String text = spec.substring(eq + 1);
        if (name.toLowerCase(java.util.Locale.ROOT).startsWith("variant") || name.equalsIgnoreCase("wildcard")) {
            return variant(name, text);
        }
        Optional<PromptPart> part = PromptPart.fromName(name);
        if (part.isPresent()) {
            return new Axis(AxisKind.FIELD, part.get(), nonEmpty(name, AxisValues.split(text)), List.of());
        }
        AxisKind kind = AxisKind.fromName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown axis \"" + name + "\"; expected " + AxisKind.allNames()));
        List<String> values = nonEmpty(name, AxisValues.split(text));
        return switch (kind) {
            case SEED -> numbers(kind, AxisValues.longs(name, values).stream().map(String::valueOf).toList());
            case STEPS -> numbers(kind, AxisValues.longs(name, values).stream().map(String::valueOf).toList());
            case GUIDANCE -> numbers(kind, AxisValues.doubles(name, values).stream().map(AxisParser::plain).toList());
            case SCHEDULER -> new Axis(kind, null, values.stream()
                    .map(v -> dev.atelier.scheduler.SchedulerKind.fromCliName(v).cliName()).toList(), List.of());
            case PROMPT_SR -> promptSr(values, base);
            case PRESET -> preset(values);
            default -> new Axis(kind, null, values, List.of());
        };
    }

    private static Axis numbers(AxisKind kind, List<String> values) {
        return new Axis(kind, null, values, List.of());
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Axis promptSr(List<String> values, CellSettings base) {
        String search = values.get(0);
        boolean found = base.prompt().fields().stream().anyMatch(f -> f.text().contains(search));
        if (!found) {
            throw new IllegalArgumentException("Prompt S/R text \"" + search + "\" is not in the prompt or the negative "
                    + "prompt; the first S/R value must be text the prompt contains");
        }
        return new Axis(AxisKind.PROMPT_SR, null, values, List.of());
    }

    private Axis preset(List<String> names) {
        List<PromptPreset> found = new ArrayList<>();
        for (String n : names) {
            found.add(presets.apply(n).orElseThrow(() -> new IllegalArgumentException("unknown preset \"" + n
                    + "\" on the preset axis; expected the name of a saved preset")));
        }
        return new Axis(AxisKind.PRESET, null, names, found);
    }

    /** {@code variant=TEMPLATE} sets the subject; {@code variant:style=TEMPLATE} another part. The template is not split. */
    private Axis variant(String name, String template) {
        PromptPart part = PromptPart.SUBJECT;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            String partName = name.substring(colon + 1);
            part = PromptPart.fromName(partName).orElseThrow(() -> new IllegalArgumentException("unknown prompt field \""
                    + partName + "\" in axis " + name + "; expected one of " + PromptPart.allNames()));
        }
        if (template.isBlank()) {
            throw new IllegalArgumentException("the " + name + " axis has no template; expected e.g. a {red|blue} ball");
        }
        List<String> expanded = variants.apply(template.strip()).stream().distinct().toList();
        return new Axis(AxisKind.VARIANT, part, nonEmpty(name, expanded), List.of());
    }

    private static List<String> nonEmpty(String name, List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the " + name + " axis has no values; expected e.g. " + name + "=a,b");
        }
        return values;
    }
}
