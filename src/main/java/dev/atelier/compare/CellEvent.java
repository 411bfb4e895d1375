package dev.atelier.compare;

import dev.atelier.image.PixelImage;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.StepState;

import java.nio.file.Path;
import java.util.Objects;

/** Something that happened to one cell of a running grid; every event names the cell's display index. */
public sealed interface CellEvent {
    int cell();

    /** One denoising step of the cell done (its preview, when the queue renders previews). */
    record CellStep(int cell, StepState state) implements CellEvent {
        public CellStep {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The cell's image was generated and written to {@code file}. */
    record CellFinished(int cell, GenerationResult result, Path file) implements CellEvent {
        public CellFinished {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The cell was not generated: history row {@code historyId} has the same settings hash and
     * model fingerprint, and its image (pixel for pixel) was copied to {@code file}.
     */
    record FromHistory(int cell, long historyId, Path file, PixelImage image) implements CellEvent {
        public FromHistory {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(image, "image");
        }
    }

    /** The cell could not be generated (e.g. its model folder failed to load); {@code message} is one line. */
    record CellFailed(int cell, String message) implements CellEvent {
    }

    /** The cell was cancelled before or while it ran. */
    record CellCancelled(int cell) implements CellEvent {
    }

    /** Whether this event ends the cell. */
    default boolean isFinal() {
        return !(this instanceof CellStep);
    }
}
