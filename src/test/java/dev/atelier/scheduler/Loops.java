package dev.atelier.scheduler;

import java.util.ArrayList;
import java.util.List;

/** The denoising loops of diffusers' scheduler tests and pipelines, driven by the dummy model. */
final class Loops {
    private Loops() {
    }

    /** VP loop of the upstream tests: {@code x = step(model(x, t), t, x).prev_sample} from step {@code start}. */
    static float[] upstream(Scheduler s, float[] sample, int start, NoiseSource noise) {
        double[] ts = s.timesteps();
        float[] x = sample;
        for (int i = start; i < ts.length; i++) {
            x = s.step(SchedulerFixtures.dummyModel(x, ts[i]), i, x, noise).prevSample();
        }
        return x;
    }

    /**
     * The upstream Euler tests' loop, which feeds the <em>scaled</em> sample to {@code step}
     * ({@code sample = scale_model_input(sample, t)} overwrites it).
     */
    static float[] upstreamSigma(Scheduler s, float[] sample, int start, NoiseSource noise) {
        double[] ts = s.timesteps();
        float[] x = sample;
        for (int i = start; i < ts.length; i++) {
            x = s.scaleModelInput(x, i);
            x = s.step(SchedulerFixtures.dummyModel(x, ts[i]), i, x, noise).prevSample();
        }
        return x;
    }

    /** Pipeline loop: start at {@code x0·init_noise_sigma}, UNet gets the scaled input, step gets x. */
    static float[] pipeline(Scheduler s, float[] start, NoiseSource noise, List<Float> traceOf767) {
        double[] ts = s.timesteps();
        float[] x = SchedulerFixtures.times(start, s.initNoiseSigma());
        for (int i = 0; i < ts.length; i++) {
            float[] in = s.scaleModelInput(x, i);
            x = s.step(SchedulerFixtures.dummyModel(in, ts[i]), i, x, noise).prevSample();
            if (traceOf767 != null) {
                traceOf767.add(x[767]);
            }
        }
        return x;
    }

    static float[] pipeline(Scheduler s, float[] start, NoiseSource noise) {
        return pipeline(s, start, noise, new ArrayList<>());
    }

    /** A noise source that returns {@code dummy_noise_deter} for every draw (diffusers' {@code variance_noise}). */
    static NoiseSource deterministicNoise() {
        return n -> {
            float[] z = SchedulerFixtures.dummyNoiseDeter();
            if (n != z.length) {
                throw new IllegalArgumentException("fixture noise has " + z.length + " values, asked " + n);
            }
            return z;
        };
    }
}
