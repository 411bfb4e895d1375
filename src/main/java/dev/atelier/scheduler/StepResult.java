package dev.atelier.scheduler;

/**
 * One step's output.
 *
 * @param prevSample   the sample to feed to the next step (or decode after the last)
 * @param predOriginal the current x0 estimate for previews (LCM: its {@code denoised})
 */
public record StepResult(float[] prevSample, float[] predOriginal) {
    public StepResult {
        if (prevSample == null || predOriginal == null) {
            throw new IllegalArgumentException("StepResult needs both arrays");
        }
    }
}
