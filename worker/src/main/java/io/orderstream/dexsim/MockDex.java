package io.orderstream.dexsim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.orderstream.order.Quote;
import io.orderstream.order.Tokens;
import io.orderstream.routing.Dex;
import io.orderstream.routing.Execution;
import io.orderstream.routing.Ledger;
import io.orderstream.routing.SignedTransaction;
import io.orderstream.routing.SlippageExceededException;
import io.orderstream.routing.TransientDexException;

/**
 * A simulated DEX: quotes around the reference prices of {@link Tokens} within its own spread,
 * charges its own fee, takes time like a real one, fails transiently as its {@link FaultModel}
 * says and executes at a price that drifts from the quote.
 * <p>
 * What it sends and what lands is recorded in its {@link Ledger}, which stands for the chain.
 * Thread-safe when its ledger is.
 */
public final class MockDex implements Dex {
    private static final MathContext PRICE = new MathContext(12, RoundingMode.HALF_EVEN);

    private final String name;
    private final int feeBps;
    private final double spreadLow;
    private final double spreadWidth;
    private final Timings timings;
    private final FaultModel faults;
    private final PriceDrift drift;
    private final RandomGenerator random;
    private final Ledger ledger;

    /**
     * Creates a mock DEX with a ledger of its own, in memory.
     *
     * @param name        its name
     * @param feeBps      its fee in basis points
     * @param spreadLow   lowest price as a fraction of the reference price (0.98)
     * @param spreadWidth width of the price band as a fraction (0.04 for 0.98 to 1.02)
     * @param timings     how long each call takes
     * @param faults      which submissions fail
     * @param drift       how the price moves before execution
     * @param random      source of prices and signatures
     */
    public MockDex(String name, int feeBps, double spreadLow, double spreadWidth, Timings timings,
                   FaultModel faults, PriceDrift drift, RandomGenerator random) {
        this(name, feeBps, spreadLow, spreadWidth, timings, faults, drift, random, new InMemoryLedger());
    }

    /**
     * Creates a mock DEX.
     *
     * @param name        its name
     * @param feeBps      its fee in basis points
     * @param spreadLow   lowest price as a fraction of the reference price (0.98)
     * @param spreadWidth width of the price band as a fraction (0.04 for 0.98 to 1.02)
     * @param timings     how long each call takes
     * @param faults      which submissions fail
     * @param drift       how the price moves before execution
     * @param random      source of prices and signatures
     * @param ledger      where submissions and landed transactions are recorded
     */
    public MockDex(String name, int feeBps, double spreadLow, double spreadWidth, Timings timings,
                   FaultModel faults, PriceDrift drift, RandomGenerator random, Ledger ledger) {
        this.name = name;
        this.feeBps = feeBps;
        this.spreadLow = spreadLow;
        this.spreadWidth = spreadWidth;
        this.timings = timings;
        this.faults = faults;
        this.drift = drift;
        this.random = random;
        this.ledger = ledger;
    }

    /**
     * Raydium as simulated: prices 98–102 % of reference, 0.25 % fee.
     *
     * @param timings delays
     * @param faults  submission faults
     * @param drift   execution drift
     * @param random  randomness
     * @param ledger  its ledger
     * @return the DEX
     */
    public static MockDex raydium(Timings timings, FaultModel faults, PriceDrift drift, RandomGenerator random,
                                 Ledger ledger) {
        return new MockDex("raydium", 25, 0.98, 0.04, timings, faults, drift, random, ledger);
    }

    /**
     * Meteora as simulated: prices 97–102 % of reference, 0.20 % fee.
     *
     * @param timings delays
     * @param faults  submission faults
     * @param drift   execution drift
     * @param random  randomness
     * @param ledger  its ledger
     * @return the DEX
     */
    public static MockDex meteora(Timings timings, FaultModel faults, PriceDrift drift, RandomGenerator random,
                                 Ledger ledger) {
        return new MockDex("meteora", 20, 0.97, 0.05, timings, faults, drift, random, ledger);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Quote quote(String tokenIn, String tokenOut, BigDecimal amount) throws InterruptedException {
        pause(timings.quote());
        BigDecimal reference = Tokens.usdPrice(tokenIn).divide(Tokens.usdPrice(tokenOut), PRICE);
        BigDecimal price = reference.multiply(BigDecimal.valueOf(spreadLow + random.nextDouble() * spreadWidth), PRICE);
        return new Quote(name, price, feeBps, afterFee(amount.multiply(price)));
    }

    @Override
    public SignedTransaction build(Quote quote, BigDecimal amount, BigDecimal minAmountOut)
            throws InterruptedException {
        pause(timings.build());
        byte[] signature = new byte[64];
        random.nextBytes(signature);
        return new SignedTransaction(Base58.encode(signature), quote, amount, minAmountOut);
    }

    @Override
    public Execution submit(SignedTransaction transaction) throws InterruptedException {
        ledger.submitted(transaction.signature());
        pause(timings.submit());
        Optional<String> failure = faults.nextSubmission();
        if (failure.isPresent()) {
            throw new TransientDexException(failure.get());
        }
        BigDecimal price = transaction.quote().price()
                .multiply(BigDecimal.valueOf(1 + drift.next()), PRICE);
        BigDecimal amountOut = afterFee(transaction.amount().multiply(price));
        BigDecimal executionPrice = amountOut.divide(transaction.amount(), PRICE);
        if (amountOut.compareTo(transaction.minAmountOut()) < 0) {
            throw new SlippageExceededException("Slippage exceeded: would receive " + amountOut.toPlainString()
                                                        + ", minimum is " + transaction.minAmountOut().toPlainString(),
                                                executionPrice);
        }
        pause(timings.confirm());
        Execution execution = new Execution(transaction.signature(), executionPrice, amountOut);
        ledger.landed(execution);
        return execution;
    }

    @Override
    public Optional<Execution> lookup(String signature) {
        return ledger.lookup(signature);
    }

    private BigDecimal afterFee(BigDecimal grossOut) {
        BigDecimal keep = BigDecimal.ONE.subtract(BigDecimal.valueOf(feeBps, 4));
        return grossOut.multiply(keep).setScale(Quote.AMOUNT_SCALE, RoundingMode.DOWN).stripTrailingZeros();
    }

    private static void pause(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay);
        }
    }

    /**
     * How long each call to a mock DEX takes.
     *
     * @param quote   a quote
     * @param build   building and signing
     * @param submit  sending
     * @param confirm waiting for confirmation
     */
    public record Timings(Duration quote, Duration build, Duration submit, Duration confirm) {
        /** No delay at all. */
        public static final Timings INSTANT = new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        /**
         * Typical Solana delays multiplied by {@code scale}: quote 200 ms, build 100 ms,
         * send 250 ms, confirm 400 ms.
         *
         * @param scale multiplier; 0 makes every call instant
         * @return timings
         */
        public static Timings scaled(double scale) {
            return new Timings(ms(200 * scale), ms(100 * scale), ms(250 * scale), ms(400 * scale));
        }

        private static Duration ms(double millis) {
            return Duration.ofMillis(Math.round(millis));
        }
    }
}
