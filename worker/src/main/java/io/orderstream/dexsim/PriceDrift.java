package io.orderstream.dexsim;

import java.util.random.RandomGenerator;

/**
 * How far the price moves between quote and execution, as a fraction (-0.01 is 1 % worse).
 */
@FunctionalInterface
public interface PriceDrift {
    /**
     * The move of the next execution.
     *
     * @return signed fraction of the quoted price
     */
    double next();

    /**
     * No movement.
     *
     * @return drift
     */
    static PriceDrift none() {
        return () -> 0;
    }

    /**
     * Always the same movement.
     *
     * @param fraction signed fraction
     * @return drift
     */
    static PriceDrift fixed(double fraction) {
        return () -> fraction;
    }

    /**
     * Uniform movement within ±{@code maxPercent} percent.
     *
     * @param maxPercent largest move in percent
     * @param random     source of randomness
     * @return drift
     */
    static PriceDrift uniform(double maxPercent, RandomGenerator random) {
        return () -> (random.nextDouble() * 2 - 1) * maxPercent / 100;
    }
}
