package dev.atelier.scheduler;

/** diffusers {@code DDIMScheduler}: deterministic for eta = 0, adds generator noise for eta &gt; 0. */
public final class DdimScheduler extends AlphaSpaceScheduler {
    private final double eta;
    private final int stepRatio;

    public DdimScheduler(SchedulerConfig config, int steps, double eta) {
        super(checked(config, steps, eta), NoiseSchedule.of(config),
                Timesteps.spaced(config.timestepSpacing(), config.numTrainTimesteps(), steps, config.stepsOffset(), true));
        this.eta = eta;
        this.stepRatio = config.numTrainTimesteps() / steps; // DDIM steps back by T//n even with trailing spacing
        Vp.checkTimestepRange(timesteps, config.numTrainTimesteps());
    }

    private static SchedulerConfig checked(SchedulerConfig config, int steps, double eta) {
        Vp.rejectThresholding(config, SchedulerKind.DDIM);
        if (!(eta >= 0)) {
            throw new IllegalArgumentException("DDIM eta must be 0 or more, got " + eta);
        }
        Timesteps.checkSteps(steps, config.numTrainTimesteps());
        return config;
    }

    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        Vp.checkIndex(stepIndex, timesteps.length);
        int t = (int) timesteps[stepIndex];
        int prevT = t - stepRatio;
        float alphaProd = schedule.alphaCumprod(t);
        float alphaProdPrev = alphaPrev(prevT);
        PredictionType type = config.predictionType();
        float[] x0 = Vp.predictOriginal(type, modelOutput, sample, alphaProd);
        float[] eps = Vp.predictEpsilon(type, modelOutput, sample, x0, alphaProd);
        Vp.clip(x0, config);
        float std = (float) eta * (float) Math.sqrt(variance(t, prevT));
        float direction = (float) Math.sqrt(1f - alphaProdPrev - std * std);
        float sqrtAlphaPrev = (float) Math.sqrt(alphaProdPrev);
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = sqrtAlphaPrev * x0[i] + direction * eps[i];
        }
        if (eta > 0) {
            float[] z = Vp.noise(noise, prev.length, SchedulerKind.DDIM);
            for (int i = 0; i < prev.length; i++) {
                prev[i] = prev[i] + std * z[i];
            }
        }
        return new StepResult(prev, x0);
    }

    /** diffusers {@code _get_variance(t, prev_t)}: σ_t² of the DDIM posterior. */
    float variance(int t, int prevT) {
        float alphaProd = schedule.alphaCumprod(t);
        float alphaProdPrev = alphaPrev(prevT);
        float betaProd = 1f - alphaProd;
        float betaProdPrev = 1f - alphaProdPrev;
        return (betaProdPrev / betaProd) * (1f - alphaProd / alphaProdPrev);
    }
}
