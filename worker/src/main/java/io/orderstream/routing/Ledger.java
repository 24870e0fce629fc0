package io.orderstream.routing;

import java.util.Optional;

/**
 * What a simulated DEX has seen land: the stand-in for the chain, which a real DEX client asks
 * by signature. Kept apart from {@link io.orderstream.dexsim.MockDex} so that every worker process sees the same
 * chain: in memory for one process ({@link io.orderstream.dexsim.InMemoryLedger}), in Redis when workers share one
 * ({@link io.orderstream.dexsim.RedisLedger}).
 */
public interface Ledger {
    /**
     * Records that a transaction is being sent, once per attempt.
     *
     * @param signature the transaction's signature
     * @throws InterruptedException when interrupted while recording
     */
    void submitted(String signature) throws InterruptedException;

    /**
     * Records a transaction that landed.
     *
     * @param execution what it did
     * @throws InterruptedException when interrupted while recording
     */
    void landed(Execution execution) throws InterruptedException;

    /**
     * A landed transaction.
     *
     * @param signature its signature
     * @return its execution, when it landed
     */
    Optional<Execution> lookup(String signature);

    /**
     * How many times a transaction was sent.
     *
     * @param signature its signature
     * @return submissions recorded
     */
    long submissions(String signature);
}
