package dev.atelier.scheduler;

/**
 * diffusers {@code DPMSolverMultistepScheduler} with {@code algorithm_type="dpmsolver++"},
 * solver order 1 or 2 (midpoint or heun), optional Karras sigmas; x stays in VP space.
 */
public final class DpmSolverMultistepScheduler implements Scheduler {
    private final SchedulerConfig config;
    private final double[] timesteps;
    private final float[] sigmas;
    private float[] previousX0;
    private int lowerOrderNums;
    private int lastIndex = Integer.MIN_VALUE;

    public DpmSolverMultistepScheduler(SchedulerConfig config, int steps) {
        Vp.rejectThresholding(config, SchedulerKind.DPMPP_2M);
        if (!"dpmsolver++".equals(config.algorithmType())) {
            throw new IllegalArgumentException("DPM-Solver algorithm_type \"" + config.algorithmType()
                    + "\" is not supported; Atelier implements \"dpmsolver++\".");
        }
        if (config.solverOrder() > 2) {
            throw new IllegalArgumentException("DPM-Solver solver_order " + config.solverOrder()
                    + " is not supported; use 1 or 2.");
        }
        if (!"midpoint".equals(config.solverType()) && !"heun".equals(config.solverType())) {
            throw new IllegalArgumentException("DPM-Solver solver_type \"" + config.solverType()
                    + "\" is not supported; use \"midpoint\" or \"heun\".");
        }
        int trainSteps = config.numTrainTimesteps();
        Timesteps.checkSteps(steps, trainSteps);
        this.config = config;
        NoiseSchedule schedule = NoiseSchedule.of(config);
        float[] train = schedule.sigmas();
        if (config.rescaleBetasZeroSnr()) {
            train[train.length - 1] = NoiseSchedule.sigmaOf(0x1.0p-24f);
        }
        double[] t = spacedTimesteps(config, steps, lastTimestep(schedule, config));
        double[] s = new double[t.length];
        if (config.useKarrasSigmas()) {
            // full training range, unlike Euler's Karras which uses the chosen timesteps' range
            s = Sigmas.karras(train[0], train[train.length - 1], steps);
            float[] logSigmas = Sigmas.logSigmas(train);
            for (int i = 0; i < s.length; i++) {
                t[i] = Math.rint(Sigmas.sigmaToT(s[i], logSigmas));
            }
        } else {
            for (int i = 0; i < t.length; i++) {
                s[i] = Numpy.interp(t[i], train);
            }
        }
        Vp.checkTimestepRange(t, trainSteps);
        this.timesteps = t;
        this.sigmas = new float[s.length + 1];
        for (int i = 0; i < s.length; i++) {
            sigmas[i] = (float) s[i];
        }
        sigmas[s.length] = config.finalSigmasType() == FinalSigmasType.SIGMA_MIN
                ? NoiseSchedule.sigmaOf(schedule.alphaCumprod(0)) : 0f;
    }

    /** DPM's own spacing: linspace and leading pick n+1 points and drop the last. */
    private static double[] spacedTimesteps(SchedulerConfig c, int steps, int lastT) {
        double[] t = switch (c.timestepSpacing()) {
            case LINSPACE -> Numpy.reverse(Numpy.rint(Numpy.linspace(0, lastT - 1, steps + 1, true)));
            case LEADING -> Timesteps.leading(lastT / (steps + 1), steps + 1, c.stepsOffset());
            case TRAILING -> Timesteps.trailing(lastT, c.numTrainTimesteps(), steps);
        };
        if (c.timestepSpacing() == TimestepSpacing.TRAILING) {
            return t;
        }
        double[] dropped = new double[steps];
        System.arraycopy(t, 0, dropped, 0, steps);
        return dropped;
    }

    /** T minus the number of λ(t) below {@code lambda_min_clipped} (diffusers' searchsorted). */
    private static int lastTimestep(NoiseSchedule schedule, SchedulerConfig c) {
        int clipped = 0;
        for (int t = 0; t < schedule.size(); t++) {
            float a = schedule.alphaCumprod(t);
            float lambda = (float) Math.log((float) Math.sqrt(a)) - (float) Math.log((float) Math.sqrt(1f - a));
            if (lambda < c.lambdaMinClipped()) {
                clipped++;
            }
        }
        return c.numTrainTimesteps() - clipped;
    }

    @Override
    public double[] timesteps() {
        return timesteps.clone();
    }

    public float[] sigmas() {
        return sigmas.clone();
    }

    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        Vp.checkIndex(stepIndex, timesteps.length);
        if (stepIndex != lastIndex + 1) {
            previousX0 = null;
            lowerOrderNums = 0;
        }
        lastIndex = stepIndex;
        int n = timesteps.length;
        boolean lowerOrderFinal = stepIndex == n - 1 && (config.eulerAtFinal()
                || (config.lowerOrderFinal() && n < 15) || config.finalSigmasType() == FinalSigmasType.ZERO);
        float[] x0 = convertModelOutput(modelOutput, sample, sigmas[stepIndex]);
        float[] prev = config.solverOrder() == 1 || lowerOrderNums < 1 || lowerOrderFinal
                ? firstOrder(x0, sample, stepIndex)
                : secondOrder(x0, previousX0, sample, stepIndex);
        previousX0 = x0;
        lowerOrderNums = Math.min(lowerOrderNums + 1, config.solverOrder());
        return new StepResult(prev, x0);
    }

    private float[] convertModelOutput(float[] modelOutput, float[] sample, float sigma) {
        Vp.checkLengths(modelOutput, sample);
        float alpha = alpha(sigma);
        float sigmaT = sigma * alpha;
        float[] x0 = new float[sample.length];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = switch (config.predictionType()) {
                case EPSILON -> (sample[i] - sigmaT * modelOutput[i]) / alpha;
                case V_PREDICTION -> alpha * sample[i] - sigmaT * modelOutput[i];
                case SAMPLE -> modelOutput[i];
            };
        }
        return x0;
    }

    private float[] firstOrder(float[] x0, float[] sample, int i) {
        float alphaT = alpha(sigmas[i + 1]);
        float sigmaT = sigmas[i + 1] * alphaT;
        float alphaS = alpha(sigmas[i]);
        float sigmaS = sigmas[i] * alphaS;
        float h = lambda(alphaT, sigmaT) - lambda(alphaS, sigmaS);
        float ratio = sigmaT / sigmaS;
        float coef = alphaT * ((float) Math.exp(-h) - 1f);
        float[] out = new float[sample.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = ratio * sample[k] - coef * x0[k];
        }
        return out;
    }

    private float[] secondOrder(float[] m0, float[] m1, float[] sample, int i) {
        float alphaT = alpha(sigmas[i + 1]);
        float sigmaT = sigmas[i + 1] * alphaT;
        float alphaS0 = alpha(sigmas[i]);
        float sigmaS0 = sigmas[i] * alphaS0;
        float alphaS1 = alpha(sigmas[i - 1]);
        float sigmaS1 = sigmas[i - 1] * alphaS1;
        float lambdaT = lambda(alphaT, sigmaT);
        float lambdaS0 = lambda(alphaS0, sigmaS0);
        float lambdaS1 = lambda(alphaS1, sigmaS1);
        float h = lambdaT - lambdaS0;
        float h0 = lambdaS0 - lambdaS1;
        float r0 = h0 / h;
        float invR0 = 1f / r0;
        float ratio = sigmaT / sigmaS0;
        float expm1 = (float) Math.exp(-h) - 1f;
        float coef0 = alphaT * expm1;
        boolean heun = "heun".equals(config.solverType());
        float coef1 = heun ? alphaT * (expm1 / h + 1f) : 0.5f * coef0;
        float[] out = new float[sample.length];
        for (int k = 0; k < out.length; k++) {
            float d1 = invR0 * (m0[k] - m1[k]);
            float base = ratio * sample[k] - coef0 * m0[k];
            out[k] = heun ? base + coef1 * d1 : base - coef1 * d1;
        }
        return out;
    }

    private static float alpha(float sigma) {
        return 1f / (float) Math.sqrt(sigma * sigma + 1f);
    }

    private static float lambda(float alpha, float sigma) {
        return (float) Math.log(alpha) - (float) Math.log(sigma);
    }

    /** {@code α_t·x0 + σ_t·noise} at step {@code stepIndex}'s sigma (diffusers {@code add_noise}). */
    @Override
    public float[] addNoise(float[] original, float[] noise, int stepIndex) {
        Vp.checkIndex(stepIndex, timesteps.length);
        Vp.checkLengths(original, noise);
        float alphaT = alpha(sigmas[stepIndex]);
        float sigmaT = sigmas[stepIndex] * alphaT;
        float[] out = new float[original.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = alphaT * original[k] + sigmaT * noise[k];
        }
        return out;
    }
}
