package dev.atelier.ui.compare;

import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.util.Duration;

/**
 * Play: animates the grid's one scrub position from where it is (the start, if at the end) to the
 * end, so every cell denoises in lockstep; stops there. FX thread only.
 */
public final class ScrubPlayer {
    private final LiveGridModel grid;
    private final Duration fullRun;
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private Timeline timeline;

    /** {@code fullRun}: how long playing from the first step to the last takes. */
    public ScrubPlayer(LiveGridModel grid, Duration fullRun) {
        this.grid = grid;
        this.fullRun = fullRun;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing;
    }

    public void play() {
        stop();
        double from = grid.liveProperty().get() || grid.scrubProperty().get() >= 1 ? 0 : grid.scrubProperty().get();
        grid.scrubTo(from);
        timeline = new Timeline(
                new KeyFrame(Duration.ZERO, new KeyValue(grid.scrubProperty(), from)),
                new KeyFrame(fullRun.multiply(1 - from), new KeyValue(grid.scrubProperty(), 1.0, Interpolator.LINEAR)));
        timeline.setOnFinished(e -> playing.set(false));
        playing.set(true);
        timeline.play();
    }

    public void stop() {
        if (timeline != null) {
            timeline.stop();
            timeline = null;
        }
        playing.set(false);
    }

    public void toggle() {
        if (playing.get()) {
            stop();
        } else {
            play();
        }
    }
}
