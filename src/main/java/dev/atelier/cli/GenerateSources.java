package dev.atelier.cli;

import dev.atelier.image.GenerationParameters;
import dev.atelier.image.PngContents;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.image.ProvenancePolicy;
import dev.atelier.metadata.ImageMetadata;
import dev.atelier.metadata.RecoveredGeneration;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.preset.ComposerText;
import dev.atelier.preset.Preset;
import dev.atelier.preset.PresetLibrary;
import dev.atelier.preset.PresetPrompt;
import dev.atelier.preset.PresetSettings;
import dev.atelier.wildcard.PromptExpander;
import dev.atelier.wildcard.WildcardFolder;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code generate}'s prompt sources (a picocli mixin): presets from the library, an image's
 * settings ({@code --from}), wildcards expanded with the seed, and the provenance label.
 */
final class GenerateSources {
    static final String VERSION = ProvenanceLabel.ATELIER_VERSION;

    @Option(names = "--preset", paramLabel = "NAME", description = "Apply a library preset (repeatable; in order, like A1111 styles).")
    List<String> presets = new ArrayList<>();
    @Option(names = "--from", paramLabel = "IMAGE", description = "Re-run an image's prompt and settings (options given here win).")
    String from;
    @Option(names = "--no-label", description = "Leave out the AI provenance label (XMP); on by default.")
    boolean noLabel;
    @Option(names = "--label-prompt", description = "Also put the prompt into the provenance label.")
    boolean labelPrompt;
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private PresetPrompt fields;

    /**
     * The request: {@code prompt} (or the {@code --from} image's), with presets applied and
     * wildcards expanded from the seed; unset sampling options come from the image, then presets.
     */
    GenerationRequest request(String prompt, SamplingOptions sampling, ModelFolder folder) throws IOException {
        return request(prompt, null, sampling, folder);
    }

    /**
     * As {@link #request(String, SamplingOptions, ModelFolder)}, or from the composer's
     * {@code structured} fields when not null (then recorded as the image's fields, like the window's).
     */
    GenerationRequest request(String prompt, PresetPrompt structured, SamplingOptions sampling, ModelFolder folder)
            throws IOException {
        RecoveredGeneration source = from == null ? null : recovered();
        GenerationParameters p = source == null ? null : source.parameters();
        if (prompt == null && p == null && structured == null) {
            throw new UsageException(from == null ? "--prompt is required (or --from IMAGE)"
                    : "--from: '" + from + "' carries no generation settings; give --prompt");
        }
        if (p != null) {
            fillFrom(p, source.scheduler().orElse(null), sampling);
        }
        String negative = sampling.negative != null ? sampling.negative : p == null ? "" : p.negativePrompt();
        ComposerText composer = structured != null ? ComposerText.of(structured)
                : prompt == null && source.fields() != null ? ComposerText.of(source.fields())
                : ComposerText.of(PresetPrompt.style(prompt != null ? prompt : p.prompt(), negative));
        List<Preset> chosen = new ArrayList<>();
        if (!presets.isEmpty()) {
            try (PresetLibrary library = new PresetLibrary(dataFolder())) {
                for (String name : presets) {
                    chosen.add(library.find(name).orElseThrow(() -> new UsageException("--preset: no preset named '" + name
                            + "' in " + dataFolder().resolve(PresetLibrary.FILE_NAME) + "; see 'atelier presets list'")).preset());
                }
            }
            composer = composer.applyAll(chosen);
            chosen.forEach(preset -> fillFrom(preset.settings(), sampling));
        }
        if (sampling.seed == null) {
            // the one rule of the window and every peer (A1111's range), rolled here because wildcards need it
            sampling.seed = dev.atelier.pipeline.Seeds.resolve(dev.atelier.pipeline.Seeds.RANDOM, new SplittableRandom());
        }
        fields = chosen.isEmpty() && structured == null && (source == null || source.fields() == null) ? null : new PresetPrompt(
                composer.field(PresetPrompt.SUBJECT), composer.field(PresetPrompt.COMPOSITION), composer.field(PresetPrompt.STYLE),
                composer.field(PresetPrompt.LIGHTING), composer.field(PresetPrompt.FREE_TEXT), composer.negative());
        PromptExpander expander = new PromptExpander(Files.isDirectory(dataFolder().resolve("wildcards")) ? new WildcardFolder(dataFolder().resolve("wildcards")) : null);
        String positive = composer.assembly().prompt();
        String finalPrompt = PromptExpander.isDynamic(positive) ? expander.random(positive, sampling.seed) : positive;
        String finalNegative = PromptExpander.isDynamic(composer.negative())
                ? expander.random(composer.negative(), sampling.seed) : composer.negative();
        sampling.negative = finalNegative.isEmpty() ? null : finalNegative;
        return sampling.request(finalPrompt, folder);
    }

    /** The PNG texts: {@code parameters} and, when the prompt came from fields, Atelier's fields chunk. */
    Map<String, String> texts(String parameters) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(PngContents.PARAMETERS_KEY, parameters);
        if (fields != null) {
            texts.put(ImageMetadata.FIELDS_KEY, ImageMetadata.fieldsJson(fields));
        }
        return texts;
    }

    /** The provenance label for an image of {@code modelName}, or null with {@code --no-label}. */
    ProvenanceLabel label(String modelName, String prompt) {
        return ProvenancePolicy.atelier(noLabel, labelPrompt).label(modelName, prompt);
    }

    private RecoveredGeneration recovered() throws IOException {
        Path image = Choices.path("--from", from);
        if (!Files.isRegularFile(image)) {
            throw new UsageException("--from: image '" + from + "' does not exist");
        }
        return ImageMetadata.read(image);
    }

    private static void fillFrom(GenerationParameters p, String scheduler, SamplingOptions s) {
        s.seed = s.seed != null ? s.seed : p.seed();
        s.steps = s.steps != null ? s.steps : p.steps();
        s.cfg = s.cfg != null ? s.cfg : p.cfgScale();
        s.scheduler = s.scheduler != null ? s.scheduler : scheduler;
        if (s.width == null && s.height == null) {
            s.width = p.width();
            s.height = p.height();
        }
    }

    private static void fillFrom(PresetSettings p, SamplingOptions s) {
        s.steps = s.steps != null ? s.steps : p.steps();
        s.cfg = s.cfg != null ? s.cfg : p.guidance();
        s.scheduler = s.scheduler != null ? s.scheduler : p.scheduler();
        if (s.width == null && s.height == null) {
            s.width = p.width();
            s.height = p.height();
        }
    }

    /** The user data folder (the global {@code --data-dir}) holding {@code library.db} and {@code wildcards/}. */
    private Path dataFolder() {
        return CliData.folder(mixee).root();
    }
}
