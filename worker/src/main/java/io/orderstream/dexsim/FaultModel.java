package io.orderstream.dexsim;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Decides whether a simulated submission fails transiently, and how.
 */
@FunctionalInterface
public interface FaultModel {
    /** The reasons a simulated submission gives when it fails. */
    String[] REASONS = {"RPC node timed out", "Blockhash expired", "Leader congested, transaction dropped"};

    /**
     * The failure of the next submission, if it fails.
     *
     * @return failure reason, or empty when the submission goes through
     */
    Optional<String> nextSubmission();

    /**
     * Never fails.
     *
     * @return fault model
     */
    static FaultModel none() {
        return Optional::empty;
    }

    /**
     * Fails each submission independently with a probability.
     *
     * @param rate   0 to 1
     * @param random source of randomness
     * @return fault model
     */
    static FaultModel random(double rate, RandomGenerator random) {
        return () -> random.nextDouble() < rate
                ? Optional.of(REASONS[random.nextInt(REASONS.length)])
                : Optional.empty();
    }

    /**
     * Fails the first {@code failures} submissions, then none.
     *
     * @param failures how many fail; {@link Integer#MAX_VALUE} for always
     * @return fault model
     */
    static FaultModel failFirst(int failures) {
        AtomicInteger seen = new AtomicInteger();
        return () -> seen.getAndIncrement() < failures ? Optional.of(REASONS[0]) : Optional.empty();
    }
}
