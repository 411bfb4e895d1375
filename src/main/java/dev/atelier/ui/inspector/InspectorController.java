package dev.atelier.ui.inspector;

import dev.atelier.image.GenerationParameters;
import dev.atelier.metadata.ImageMetadata;
import dev.atelier.metadata.RecoveredGeneration;
import dev.atelier.metadata.SourceTool;
import dev.atelier.preset.ComposerText;
import dev.atelier.preset.PresetPrompt;
import dev.atelier.preset.PresetSettings;
import dev.atelier.ui.common.UserMessages;
import dev.atelier.ui.history.HistoryEntry;
import dev.atelier.ui.library.Background;
import dev.atelier.ui.library.ComposerPort;


import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens an image (read on the worker thread) and restores what it carries into the composer: the
 * structured fields when Atelier wrote them, otherwise the prompt into Free text; the negative; the
 * settings, with the closest scheduler for a sampler Atelier lacks; the seed (locked).
 */
public final class InspectorController {
    private final InspectorModel model;
    private final ComposerPort composer;
    private final Background background;
    private final Supplier<HistoryEntry> current;
    private final ProvenanceSaver saver;
    /** Bumped per open: a slow read of an earlier file never replaces a later one. */
    private long generation;

    /**
     * @param current the image on the canvas (null when none), for "Save without prompt"
     * @param saver   writes that copy with the provenance label only
     */
    public InspectorController(InspectorModel model, ComposerPort composer, Background background,
                               Supplier<HistoryEntry> current, ProvenanceSaver saver) {
        this.current = Objects.requireNonNull(current, "current");
        this.saver = Objects.requireNonNull(saver, "saver");
        this.model = Objects.requireNonNull(model, "model");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.background = Objects.requireNonNull(background, "background");
    }

    public void open(Path file) {
        long mine = ++generation;
        background.execute(() -> {
            RecoveredGeneration read = null;
            String problem = "";
            try {
                read = ImageMetadata.read(file);
            } catch (Exception e) {
                problem = "Cannot read " + file.getFileName() + ": " + UserMessages.describe(e);
            }
            RecoveredGeneration result = read;
            String why = problem;
            background.ui(() -> {
                if (mine != generation) {
                    return;
                }
                model.fileProperty().set(file);
                model.recoveredProperty().set(result);
                model.problemProperty().set(why);
                if (!why.isEmpty()) {
                    background.notifier().error(why);
                }
            });
        });
    }

    /** Restores prompt, negative and settings of the open image into the composer. */
    public void restore() {
        RecoveredGeneration r = model.recoveredProperty().get();
        if (r == null || r.generation().isEmpty()) {
            background.notifier().info("This image carries no prompt or settings to restore.");
            return;
        }
        GenerationParameters p = r.parameters();
        PresetPrompt fields = r.fields() != null ? r.fields() : PresetPrompt.style(p.prompt(), p.negativePrompt());
        composer.apply(ComposerText.of(fields));
        Integer width = p.width();
        Integer height = p.height();
        if (width != null && (width < 8 || height < 8)) {
            width = null; // the controls' own checks name a bad size; a size this small is not a size
            height = null;
        }
        composer.applySettings(new PresetSettings(null, r.scheduler().orElse(null), p.steps(),
                p.cfgScale() != null && p.cfgScale() >= 0 ? p.cfgScale() : null, width, height));
        if (p.seed() != null) {
            composer.applySeed(p.seed());
        }
        background.notifier().info("Restored the " + toolName(r.tool()) + " image " + model.fileProperty().get().getFileName()
                + (r.unsupported().isEmpty() ? "" : "; not restored (Atelier lacks them): " + String.join(", ", r.unsupported().keySet())));
    }

    /** Whether there is an image on the canvas to share; says so in the window when there is not. */
    public boolean readyToShare() {
        if (current.get() == null) {
            background.notifier().info("Nothing to share yet: generate an image first.");
            return false;
        }
        return true;
    }

    /**
     * Writes the image on the canvas to {@code out} for sharing: no prompt, no parameters, no
     * fields, only the provenance label (on the worker thread, atomically).
     */
    public void share(Path out) {
        HistoryEntry entry = current.get();
        if (!readyToShare()) {
            return;
        }
        String name = out.getFileName().toString();
        Path target = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? out : out.resolveSibling(name + ".png");
        background.run("Cannot save " + target.getFileName(), () -> {
            saver.share(entry, target);
            return target;
        }, written -> background.notifier().info("Saved " + written.getFileName() + " without prompt (AI label kept)"));
    }

    static String toolName(SourceTool tool) {
        return switch (tool) {
            case ATELIER -> "Atelier";
            case A1111 -> "A1111/Forge";
            case COMFYUI -> "ComfyUI";
            case INVOKEAI -> "InvokeAI";
            case FOOOCUS -> "Fooocus";
            case SWARMUI -> "SwarmUI";
            case UNKNOWN -> "unknown tool's";
        };
    }
}
