package dev.atelier.ui.app;

import dev.atelier.image.PixelImage;
import dev.atelier.preset.ComposerText;
import dev.atelier.preset.PresetSettings;
import dev.atelier.ui.composer.ComposerField;
import dev.atelier.ui.library.ComposerPort;
import dev.atelier.ui.composer.PromptFields;
import dev.atelier.ui.history.HistoryEntry;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The workbench's composer and controls as a {@link ComposerPort}. */
public final class WorkbenchComposer implements ComposerPort {
    private final WorkbenchModel model;
    private final WorkbenchController controller;

    public WorkbenchComposer(WorkbenchModel model, WorkbenchController controller) {
        this.model = Objects.requireNonNull(model, "model");
        this.controller = Objects.requireNonNull(controller, "controller");
    }

    @Override
    public ComposerText text() {
        PromptFields f = model.promptFields();
        return new ComposerText(java.util.List.of(field(ComposerField.SUBJECT, f), field(ComposerField.COMPOSITION, f),
                field(ComposerField.STYLE, f), field(ComposerField.LIGHTING, f), field(ComposerField.FREE_TEXT, f)), f.negative());
    }

    private static dev.atelier.prompt.PromptField field(ComposerField name, PromptFields f) {
        return new dev.atelier.prompt.PromptField(name.name(), f.get(name));
    }

    @Override
    public void apply(ComposerText text) {
        Map<ComposerField, String> values = new EnumMap<>(ComposerField.class);
        for (ComposerField f : ComposerField.values()) {
            if (f.positive() && f != ComposerField.EDITED) {
                values.put(f, text.field(f.name()));
            }
        }
        values.put(ComposerField.NEGATIVE, text.negative());
        model.applyPrompt(PromptFields.of(values, null));
    }

    @Override
    public PresetSettings settings() {
        String scheduler = model.schedulerProperty().get();
        return new PresetSettings(null, scheduler == null || scheduler.isBlank() ? null : scheduler,
                model.stepsProperty().get(), model.guidanceProperty().get(),
                model.widthProperty().get(), model.heightProperty().get());
    }

    @Override
    public void applySettings(PresetSettings s) {
        if (s.scheduler() != null) {
            model.schedulerProperty().set(s.scheduler());
        }
        if (s.steps() != null) {
            model.stepsProperty().set(s.steps());
        }
        if (s.guidance() != null) {
            model.guidanceProperty().set(s.guidance());
        }
        if (s.width() != null) {
            model.widthProperty().set(s.width());
            model.heightProperty().set(s.height());
        }
    }

    @Override
    public void applySeed(long seed) {
        model.seedProperty().set(seed);
        model.seedLockedProperty().set(true);
    }

    @Override
    public Optional<PixelImage> currentImage() {
        HistoryEntry current = controller.currentProperty().get();
        return current == null ? Optional.empty() : Optional.of(current.image());
    }
}
