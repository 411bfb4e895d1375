package dev.atelier.job;

import java.util.Objects;

/** Why a job exists: what the history records as its origin, and how a queue panel groups it. */
public sealed interface JobOrigin {
    /** A short label, e.g. {@code single}, {@code batch 2/4}, {@code grid 7 cell cfg=5}. */
    String label();

    /** The group id (batch or grid), or 0 for a single run. */
    long group();

    /** One image asked for on its own. */
    record Single() implements JobOrigin {
        @Override
        public String label() {
            return "single";
        }

        @Override
        public long group() {
            return 0;
        }
    }

    /** Image {@code index} (1-based) of {@code count} from one request with consecutive seeds. */
    record Batch(long batchId, int index, int count) implements JobOrigin {
        public Batch {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("batch index " + index + " outside 1.." + count);
            }
        }

        @Override
        public String label() {
            return "batch " + index + "/" + count;
        }

        @Override
        public long group() {
            return batchId;
        }
    }

    /**
     * One cell of a comparison grid, e.g. {@code cellKey = "model=a,cfg=5"}; {@code settingsHash} is
     * the cell's settings hash (empty when it has none), kept in the history so a later grid can
     * take the cell from there.
     */
    record FromGrid(long gridId, String cellKey, String settingsHash) implements JobOrigin {
        public FromGrid {
            Objects.requireNonNull(cellKey, "cellKey");
            settingsHash = settingsHash == null ? "" : settingsHash;
        }

        public FromGrid(long gridId, String cellKey) {
            this(gridId, cellKey, "");
        }

        @Override
        public String label() {
            return "grid " + gridId + " cell " + cellKey;
        }

        @Override
        public long group() {
            return gridId;
        }
    }

    JobOrigin SINGLE = new Single();
}
