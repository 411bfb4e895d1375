package dev.atelier.scheduler;

/** diffusers {@code timestep_spacing} rules (float64 numpy arithmetic, half-to-even rounding). */
final class Timesteps {
    private Timesteps() {
    }

    /** DDIM/PNDM/Euler spacing, descending; {@code rounded} false keeps Euler's fractional linspace values. */
    static double[] spaced(TimestepSpacing spacing, int trainSteps, int steps, int stepsOffset, boolean rounded) {
        return switch (spacing) {
            case LINSPACE -> {
                double[] t = Numpy.reverse(Numpy.linspace(0, trainSteps - 1, steps, true));
                yield rounded ? Numpy.rint(t) : t;
            }
            case LEADING -> leading(trainSteps / steps, steps, stepsOffset);
            case TRAILING -> trailing(trainSteps, trainSteps, steps);
        };
    }

    /** {@code (arange(count) * ratio)[::-1] + offset}. */
    static double[] leading(int ratio, int count, int offset) {
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = (double) (count - 1 - i) * ratio + offset;
        }
        return t;
    }

    /** {@code round(arange(from, 0, -trainSteps/steps)) - 1}. */
    static double[] trailing(int from, int trainSteps, int steps) {
        double[] t = Numpy.rint(Numpy.arange(from, 0, -((double) trainSteps / steps)));
        for (int i = 0; i < t.length; i++) {
            t[i] -= 1;
        }
        return t;
    }

    static void checkSteps(int steps, int trainSteps) {
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException("Steps must be between 1 and " + trainSteps
                    + " (the model's num_train_timesteps), got " + steps + ".");
        }
    }
}
