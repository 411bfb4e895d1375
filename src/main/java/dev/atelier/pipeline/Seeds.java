package dev.atelier.pipeline;

import java.util.random.RandomGenerator;

/**
 * One seed rule for the window and the command line, A1111's: -1 means "roll a random seed", and
 * rolled seeds lie in 0 .. 4294967294 (A1111's {@code random.randrange(4294967294)}), so a seed
 * moves between tools unchanged. Typed seeds may be anything in 0 .. 2^63-1.
 */
public final class Seeds {
    /** The seed value that asks for a random one. */
    public static final long RANDOM = -1;
    /** Largest seed a roll produces. */
    public static final long MAX_ROLLED = 4294967294L;
    /** Largest seed accepted (torch's manual_seed takes a signed 64-bit value here). */
    public static final long MAX = Long.MAX_VALUE;

    private Seeds() {
    }

    /** A new random seed in A1111's range. */
    public static long roll(RandomGenerator random) {
        return random.nextLong(MAX_ROLLED + 1);
    }

    /** {@code seed}, or a rolled one when it is {@link #RANDOM}; any other negative value is refused. */
    public static long resolve(long seed, RandomGenerator random) {
        if (seed == RANDOM) {
            return roll(random);
        }
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be -1 (random) or between 0 and 2^63-1, got " + seed);
        }
        return seed;
    }
}
