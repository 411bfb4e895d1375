package dev.atelier.job;

import java.util.ArrayList;
import java.util.List;

/** Batch count as A1111 does it: N images from one request, seeds s, s+1, ..., s+N-1. */
public final class Batches {
    /** A sane upper bound; a bigger batch is almost certainly a typo. */
    public static final int MAX_COUNT = 1000;

    private Batches() {
    }

    /** The {@code count} specs of a batch, origin {@code Batch(batchId, k, count)}. */
    public static List<JobSpec> expand(JobSpec base, int count, long batchId) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("batch count must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        long seed = base.request().seed();
        if (Long.MAX_VALUE - seed < count - 1) {
            throw new IllegalArgumentException("seed " + seed + " + batch of " + count + " passes 2^63-1; use a smaller seed");
        }
        List<JobSpec> specs = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            specs.add(base.withRequest(base.request().withSeed(seed + k))
                    .withOrigin(new JobOrigin.Batch(batchId, k + 1, count)));
        }
        return specs;
    }
}
