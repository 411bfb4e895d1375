package dev.atelier.scheduler;

/**
 * Where a scheduler draws its Gaussian noise from (ancestral, LCM and DDIM eta &gt; 0 steps).
 * {@link TorchGenerator} is the real one; tests substitute a fixed tensor the way diffusers'
 * tests pass {@code variance_noise}.
 */
@FunctionalInterface
public interface NoiseSource {
    /** Returns {@code n} standard-normal float32 values, continuing this source's stream. */
    float[] randn(int n);
}
