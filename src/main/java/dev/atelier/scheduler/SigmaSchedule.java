package dev.atelier.scheduler;

/**
 * The (timesteps, sigmas) pair Euler and Euler Ancestral step through, built like their diffusers
 * {@code set_timesteps}: float32 timesteps, linear-in-σ interpolation of the train sigmas,
 * optional Karras spacing over the chosen range, and a final sigma appended.
 */
record SigmaSchedule(double[] timesteps, float[] sigmas, float initNoiseSigma) {

    /**
     * @param eulerOptions whether the Euler-only keys (use_karras_sigmas, sigma_min/max,
     *                     final_sigmas_type, timestep_type) apply; Euler Ancestral has none of them
     */
    static SigmaSchedule build(SchedulerConfig c, NoiseSchedule schedule, int steps, boolean eulerOptions) {
        boolean karras = eulerOptions && c.useKarrasSigmas();
        int trainSteps = c.numTrainTimesteps();
        Timesteps.checkSteps(steps, trainSteps);
        if (!"linear".equals(c.interpolationType())) {
            throw new IllegalArgumentException("Scheduler config interpolation_type \"" + c.interpolationType()
                    + "\" is not supported; use \"linear\".");
        }
        double[] t = Timesteps.spaced(c.timestepSpacing(), trainSteps, steps, c.stepsOffset(), false);
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) t[i];
        }
        float[] train = trainSigmas(c, schedule);
        double[] sigmas = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            sigmas[i] = Numpy.interp(t[i], train);
        }
        if (karras) {
            double sigmaMin = c.sigmaMin() != null ? c.sigmaMin() : sigmas[sigmas.length - 1];
            double sigmaMax = c.sigmaMax() != null ? c.sigmaMax() : sigmas[0];
            sigmas = Sigmas.karras(sigmaMin, sigmaMax, steps);
            float[] logSigmas = Sigmas.logSigmas(train);
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) Sigmas.sigmaToT(sigmas[i], logSigmas);
            }
        }
        float[] all = new float[sigmas.length + 1];
        for (int i = 0; i < sigmas.length; i++) {
            all[i] = (float) sigmas[i];
        }
        all[sigmas.length] = eulerOptions && c.finalSigmasType() == FinalSigmasType.SIGMA_MIN
                ? NoiseSchedule.sigmaOf(schedule.alphaCumprod(0)) : 0f;
        if (eulerOptions && c.timestepType() == TimestepType.CONTINUOUS && c.predictionType() == PredictionType.V_PREDICTION) {
            for (int i = 0; i < t.length; i++) {
                t[i] = 0.25f * (float) Math.log(all[i]);
            }
        }
        return new SigmaSchedule(t, all, initNoiseSigma(all, c.timestepSpacing()));
    }

    /** Train sigmas; with zero-terminal-SNR betas diffusers pins ᾱ[T-1] to 2^-24 to keep σ finite. */
    private static float[] trainSigmas(SchedulerConfig c, NoiseSchedule schedule) {
        float[] train = schedule.sigmas();
        if (c.rescaleBetasZeroSnr()) {
            train[train.length - 1] = NoiseSchedule.sigmaOf(0x1.0p-24f);
        }
        return train;
    }

    /** σmax for linspace/trailing, sqrt(σmax²+1) for leading (diffusers' {@code init_noise_sigma}). */
    private static float initNoiseSigma(float[] sigmas, TimestepSpacing spacing) {
        float max = 0f;
        for (float s : sigmas) {
            max = Math.max(max, s);
        }
        return spacing == TimestepSpacing.LEADING ? (float) Math.sqrt(max * max + 1f) : max;
    }

    float sigma(int stepIndex) {
        return sigmas[stepIndex];
    }

    /** {@code sample / sqrt(σ² + 1)}. */
    float[] scale(float[] sample, int stepIndex) {
        Vp.checkIndex(stepIndex, timesteps.length);
        float sigma = sigmas[stepIndex];
        float denom = (float) Math.sqrt(sigma * sigma + 1f);
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sample[i] / denom;
        }
        return out;
    }

    /** x0 in σ-space (Euler / Euler a): eps {@code x - σ̂ε}, v {@code v·(-σ/√(σ²+1)) + x/(σ²+1)}, sample as is. */
    static float[] predictOriginal(PredictionType type, float[] modelOutput, float[] sample, float sigma, float sigmaHat) {
        Vp.checkLengths(modelOutput, sample);
        float[] x0 = new float[sample.length];
        float cOut = -sigma / (float) Math.sqrt(sigma * sigma + 1f);
        float cSkipDenom = sigma * sigma + 1f;
        for (int i = 0; i < x0.length; i++) {
            x0[i] = switch (type) {
                case EPSILON -> sample[i] - sigmaHat * modelOutput[i];
                case V_PREDICTION -> modelOutput[i] * cOut + sample[i] / cSkipDenom;
                case SAMPLE -> modelOutput[i];
            };
        }
        return x0;
    }

    /** {@code x + noise·σ} (Euler {@code add_noise}). */
    float[] addNoise(float[] original, float[] noise, int stepIndex) {
        Vp.checkIndex(stepIndex, timesteps.length);
        Vp.checkLengths(original, noise);
        float sigma = sigmas[stepIndex];
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = original[i] + noise[i] * sigma;
        }
        return out;
    }
}
