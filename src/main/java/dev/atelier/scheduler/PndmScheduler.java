package dev.atelier.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * diffusers {@code PNDMScheduler}: PLMS (4th-order linear multistep on ε) after either the
 * duplicated first timestep ({@code skip_prk_steps}, SD's setting) or three Runge–Kutta warm-up
 * steps (12 half-step evaluations).
 */
public final class PndmScheduler implements Scheduler {
    private static final int PNDM_ORDER = 4;

    private final SchedulerConfig config;
    private final NoiseSchedule schedule;
    private final int stepRatio;
    private final float finalAlphaCumprod;
    private final double[] prkTimesteps;
    private final double[] timesteps;

    private final List<float[]> ets = new ArrayList<>();
    private int counter;
    private float[] curSample;
    private float[] curModelOutput;
    private int lastIndex = Integer.MIN_VALUE;

    public PndmScheduler(SchedulerConfig config, int steps) {
        if (config.predictionType() == PredictionType.SAMPLE) {
            throw new IllegalArgumentException("PNDM does not support prediction_type \"sample\" "
                    + "(diffusers neither); use epsilon or v_prediction.");
        }
        int trainSteps = config.numTrainTimesteps();
        Timesteps.checkSteps(steps, trainSteps);
        if (!config.skipPrkSteps() && steps < PNDM_ORDER) {
            throw new IllegalArgumentException("PNDM with Runge-Kutta warm-up (skip_prk_steps false) needs at least "
                    + PNDM_ORDER + " steps, got " + steps + ".");
        }
        this.config = config;
        this.schedule = NoiseSchedule.of(config);
        this.stepRatio = trainSteps / steps;
        this.finalAlphaCumprod = config.setAlphaToOne() ? 1f : schedule.alphaCumprod(0);
        double[] ascending = Numpy.reverse(
                Timesteps.spaced(config.timestepSpacing(), trainSteps, steps, config.stepsOffset(), true));
        Vp.checkTimestepRange(ascending, trainSteps);
        double[] plms;
        if (config.skipPrkSteps()) {
            prkTimesteps = new double[0];
            // concat(ts[:-1], ts[-2:-1], ts[-1:])[::-1]: the second timestep is evaluated twice
            List<Double> l = new ArrayList<>();
            for (int i = 0; i < ascending.length - 1; i++) {
                l.add(ascending[i]);
            }
            if (ascending.length >= 2) {
                l.add(ascending[ascending.length - 2]);
            }
            l.add(ascending[ascending.length - 1]);
            plms = Numpy.reverse(l.stream().mapToDouble(Double::doubleValue).toArray());
        } else {
            prkTimesteps = prkTimesteps(ascending, stepRatio / 2);
            plms = new double[ascending.length - 3];
            for (int i = 0; i < plms.length; i++) {
                plms[i] = ascending[ascending.length - 4 - i];
            }
        }
        this.timesteps = new double[prkTimesteps.length + plms.length];
        System.arraycopy(prkTimesteps, 0, timesteps, 0, prkTimesteps.length);
        System.arraycopy(plms, 0, timesteps, prkTimesteps.length, plms.length);
    }

    /** {@code (repeat(ts[-4:], 2) + tile([0, half], 4))[:-1].repeat(2)[1:-1][::-1]}. */
    private static double[] prkTimesteps(double[] ascending, int half) {
        double[] base = new double[2 * PNDM_ORDER];
        for (int i = 0; i < PNDM_ORDER; i++) {
            double t = ascending[ascending.length - PNDM_ORDER + i];
            base[2 * i] = t;
            base[2 * i + 1] = t + half;
        }
        List<Double> doubled = new ArrayList<>();
        for (int i = 0; i < base.length - 1; i++) {
            doubled.add(base[i]);
            doubled.add(base[i]);
        }
        List<Double> inner = doubled.subList(1, doubled.size() - 1);
        return Numpy.reverse(inner.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public double[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        Vp.checkIndex(stepIndex, timesteps.length);
        Vp.checkLengths(modelOutput, sample);
        if (stepIndex != lastIndex + 1) {
            ets.clear();
            counter = 0;
            curSample = null;
            curModelOutput = null;
        }
        lastIndex = stepIndex;
        int t = (int) timesteps[stepIndex];
        StepResult result = counter < prkTimesteps.length
                ? stepPrk(modelOutput, t, sample) : stepPlms(modelOutput, t, sample);
        counter++;
        return result;
    }

    private StepResult stepPrk(float[] modelOutput, int t, float[] sample) {
        int diffToPrev = counter % 2 != 0 ? 0 : stepRatio / 2;
        int prevT = t - diffToPrev;
        int timestep = (int) prkTimesteps[counter / 4 * 4];
        float[] e = modelOutput;
        switch (counter % 4) {
            case 0 -> {
                curModelOutput = scaled(1f / 6f, modelOutput, null);
                ets.add(modelOutput);
                curSample = sample;
            }
            case 1, 2 -> curModelOutput = scaled(1f / 3f, modelOutput, curModelOutput);
            default -> {
                e = scaled(1f / 6f, modelOutput, curModelOutput);
                curModelOutput = null;
            }
        }
        float[] base = curSample != null ? curSample : sample;
        return prevSample(base, timestep, prevT, e);
    }

    private StepResult stepPlms(float[] modelOutput, int t, float[] sample) {
        int timestep = t;
        int prevT = t - stepRatio;
        if (counter != 1) {
            while (ets.size() > 3) {
                ets.remove(0);
            }
            ets.add(modelOutput);
        } else {
            prevT = t;
            timestep = t + stepRatio; // the duplicated timestep re-does the first step
        }
        int n = ets.size();
        float[] e = new float[modelOutput.length];
        float[] base = sample;
        for (int i = 0; i < e.length; i++) {
            e[i] = switch (n) {
                case 1 -> counter == 0 ? modelOutput[i] : (modelOutput[i] + ets.get(0)[i]) / 2f;
                case 2 -> (3f * ets.get(1)[i] - ets.get(0)[i]) / 2f;
                case 3 -> (23f * ets.get(2)[i] - 16f * ets.get(1)[i] + 5f * ets.get(0)[i]) / 12f;
                default -> (1f / 24f) * (55f * ets.get(n - 1)[i] - 59f * ets.get(n - 2)[i]
                        + 37f * ets.get(n - 3)[i] - 9f * ets.get(n - 4)[i]);
            };
        }
        if (n == 1 && counter == 0) {
            curSample = sample;
        } else if (n == 1 && counter == 1) {
            base = curSample;
            curSample = null;
        }
        return prevSample(base, timestep, prevT, e);
    }

    /** diffusers {@code _get_prev_sample} (PNDM paper eq. 9), ε converted from v when needed. */
    private StepResult prevSample(float[] sample, int t, int prevT, float[] modelOutput) {
        float alphaProd = schedule.alphaCumprod(t);
        float alphaProdPrev = prevT >= 0 ? schedule.alphaCumprod(prevT) : finalAlphaCumprod;
        float betaProd = 1f - alphaProd;
        float betaProdPrev = 1f - alphaProdPrev;
        float[] e = modelOutput;
        if (config.predictionType() == PredictionType.V_PREDICTION) {
            float sa = (float) Math.sqrt(alphaProd);
            float sb = (float) Math.sqrt(betaProd);
            e = new float[modelOutput.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = sa * modelOutput[i] + sb * sample[i];
            }
        }
        float sampleCoeff = (float) Math.sqrt(alphaProdPrev / alphaProd);
        float denom = alphaProd * (float) Math.sqrt(betaProdPrev)
                + (float) Math.sqrt(alphaProd * betaProd * alphaProdPrev);
        float diff = alphaProdPrev - alphaProd;
        float[] prev = new float[sample.length];
        float[] x0 = Vp.predictOriginal(PredictionType.EPSILON, e, sample, alphaProd);
        for (int i = 0; i < prev.length; i++) {
            prev[i] = sampleCoeff * sample[i] - diff * e[i] / denom;
        }
        return new StepResult(prev, x0);
    }

    private static float[] scaled(float factor, float[] x, float[] plus) {
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (plus == null ? 0f : plus[i]) + factor * x[i];
        }
        return out;
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int stepIndex) {
        Vp.checkIndex(stepIndex, timesteps.length);
        return Vp.addNoise(original, noise, schedule.alphaCumprod((int) timesteps[stepIndex]));
    }
}
