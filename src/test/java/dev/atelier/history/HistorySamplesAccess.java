package dev.atelier.history;

import dev.atelier.pipeline.GenerationResult;

/** {@link HistorySamples} for tests in other packages. */
public final class HistorySamplesAccess {
    private HistorySamplesAccess() {
    }

    public static GenerationResult result(long seed) {
        return HistorySamples.result(seed);
    }
}
