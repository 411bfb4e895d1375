package dev.atelier.ui.canvas;

import dev.atelier.image.LatentPreview;
import dev.atelier.image.PixelImage;
import dev.atelier.pipeline.StepState;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * What the canvas and the timeline show: the steps of the current (or restored) run, the scrub
 * position, and the final image. Position {@code frames.size()} on the timeline means "live": the
 * newest step while running, the final image once decoded.
 */
public final class RunState {
    private final ObservableList<StepState> frames = FXCollections.observableArrayList();
    private final IntegerProperty position = new SimpleIntegerProperty(this, "position", 0);
    /** The predicted clean image says more about where a run is going than noisy latents: shown by default. */
    private final BooleanProperty showPredicted = new SimpleBooleanProperty(this, "showPredicted", true);
    private final ObjectProperty<PixelImage> finalImage = new SimpleObjectProperty<>(this, "finalImage");
    private final ObjectProperty<PixelImage> canvas = new SimpleObjectProperty<>(this, "canvas");
    private final StringProperty caption = new SimpleStringProperty(this, "caption", "");
    private final StringProperty progress = new SimpleStringProperty(this, "progress", "");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running", false);

    private final StepImages images = new StepImages();

    public RunState() {
        position.addListener((obs, o, n) -> refresh());
        showPredicted.addListener((obs, o, n) -> refresh());
        finalImage.addListener((obs, o, n) -> refresh());
    }

    public ObservableList<StepState> frames() {
        return frames;
    }

    public IntegerProperty positionProperty() {
        return position;
    }

    public BooleanProperty showPredictedProperty() {
        return showPredicted;
    }

    public ObjectProperty<PixelImage> finalImageProperty() {
        return finalImage;
    }

    /** The image the canvas shows now. */
    public ObjectProperty<PixelImage> canvasProperty() {
        return canvas;
    }

    /** What the canvas shows, e.g. "step 4/20 · predicted x0" or "final". */
    public StringProperty captionProperty() {
        return caption;
    }

    /** "step 7/20 · t=681 · 4.2 it/s · ETA 0:03" while running. */
    public StringProperty progressProperty() {
        return progress;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** Renders steps for the canvas and the timeline (cached per step). */
    public StepImages images() {
        return images;
    }

    /** The preview table of the model whose steps are shown; null renders latents in grey. */
    public void useLatentPreview(LatentPreview table) {
        images.useTable(table);
    }

    public boolean isLive() {
        return position.get() >= frames.size();
    }

    public void begin() {
        frames.clear();
        finalImage.set(null);
        position.set(0);
        progress.set("starting…");
        running.set(true);
        refresh();
    }

    /** Adds the steps not yet listed; keeps following when the scrubber was at the live end. */
    public void update(List<StepState> all, Progress p) {
        boolean follow = isLive();
        if (all.size() > frames.size()) {
            frames.addAll(all.subList(frames.size(), all.size()));
        }
        if (follow) {
            position.set(frames.size());
        }
        progress.set(p.describe());
        refresh();
    }

    /** A run ended; {@code image} is null when it was cancelled or failed (the last preview stays). */
    public void end(List<StepState> all, PixelImage image) {
        boolean follow = isLive();
        if (all.size() >= frames.size() && all.subList(0, frames.size()).equals(frames)) {
            frames.addAll(all.subList(frames.size(), all.size())); // usually nothing or the last step or two
        } else {
            frames.setAll(all);
        }
        running.set(false);
        progress.set("");
        finalImage.set(image);
        if (follow) {
            position.set(frames.size());
        }
        refresh();
    }

    /** Shows a finished run again (history click). */
    public void show(List<StepState> all, PixelImage image) {
        frames.setAll(all);
        finalImage.set(image);
        position.set(frames.size());
        refresh();
    }

    void refresh() {
        int i = position.get();
        if (i < frames.size()) {
            StepState f = frames.get(i);
            boolean x0 = showPredicted.get() && f.preview() != null;
            canvas.set(images.shown(f, x0));
            caption.set(StepImages.label(f) + (x0 ? " · predicted x0" : " · latents"));
        } else if (finalImage.get() != null) {
            canvas.set(finalImage.get());
            caption.set("final image");
        } else if (!frames.isEmpty()) {
            StepState f = frames.getLast();
            canvas.set(images.shown(f, showPredicted.get()));
            caption.set((running.get() ? "live · " : "last preview · ") + StepImages.label(f));
        } else {
            canvas.set(null);
            caption.set(running.get() ? "encoding prompt…" : "");
        }
    }
}
