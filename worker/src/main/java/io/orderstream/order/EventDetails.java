package io.orderstream.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The step-specific part of an event; each field is null unless the step sets it. This record is
 * what the store and the bus carry, as Jackson writes it. Faces read it through {@link EventView};
 * the engine reads what earlier runs left through the typed accessors below, each of which says
 * which step's details it reads.
 *
 * @param quotes         every DEX's quote (routing)
 * @param chosenDex      the DEX with the best amount out after fees (routing, building, confirmed)
 * @param chosenQuote    that DEX's quote (building)
 * @param minAmountOut   the slippage bound (building)
 * @param attempt        submission attempt, from 1 (submitted, failed)
 * @param maxAttempts    attempts allowed (submitted, failed)
 * @param txSignature    base58 transaction signature (building, submitted, confirmed)
 * @param amountOut      amount received (confirmed)
 * @param executionPrice price the swap executed at (confirmed, failed on slippage)
 * @param failureReason  why the order failed or was cancelled
 * @param failureCode    why the order failed, as a code (failed)
 */
public record EventDetails(List<Quote> quotes,
                           String chosenDex,
                           Quote chosenQuote,
                           BigDecimal minAmountOut,
                           Integer attempt,
                           Integer maxAttempts,
                           String txSignature,
                           BigDecimal amountOut,
                           BigDecimal executionPrice,
                           String failureReason,
                           FailureCode failureCode) {

    /** Details of an event that has none. */
    public static final EventDetails NONE = builder().build();

    /**
     * The transaction this event records as built, with the quote and the slippage bound it was
     * built on: set on the event that ends building, and on no other.
     *
     * @return the built transaction, or empty
     */
    public Optional<BuiltTransaction> builtTransaction() {
        if (txSignature == null || chosenQuote == null || minAmountOut == null) {
            return Optional.empty();
        }
        return Optional.of(new BuiltTransaction(txSignature, chosenQuote, minAmountOut));
    }

    /**
     * The quote routing chose, where this event names it: the chosen quote (building), or the
     * chosen DEX's among every DEX's quotes (routing).
     *
     * @return the chosen quote, or empty
     */
    public Optional<Quote> routedQuote() {
        if (chosenQuote != null) {
            return Optional.of(chosenQuote);
        }
        if (chosenDex == null || quotes == null) {
            return Optional.empty();
        }
        return quotes.stream().filter(quote -> quote.dex().equals(chosenDex)).findFirst();
    }

    /**
     * The submission attempt this event records (submitted, and failed after submitting).
     *
     * @return the attempt, from 1, or empty
     */
    public OptionalInt submissionAttempt() {
        return attempt == null ? OptionalInt.empty() : OptionalInt.of(attempt);
    }

    /**
     * A transaction built and signed for an order, as its events record it.
     *
     * @param txSignature  its base58 signature
     * @param quote        the quote it was built on
     * @param minAmountOut the slippage bound it carries
     */
    public record BuiltTransaction(String txSignature, Quote quote, BigDecimal minAmountOut) {
    }

    /**
     * A builder with every field unset.
     *
     * @return new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link EventDetails}; unset fields stay null. */
    public static final class Builder {
        private List<Quote> quotes;
        private String chosenDex;
        private Quote chosenQuote;
        private BigDecimal minAmountOut;
        private Integer attempt;
        private Integer maxAttempts;
        private String txSignature;
        private BigDecimal amountOut;
        private BigDecimal executionPrice;
        private String failureReason;
        private FailureCode failureCode;

        private Builder() {
        }

        /** Sets every DEX's quote, best first. */
        public Builder quotes(List<Quote> quotes) {
            this.quotes = List.copyOf(quotes);
            return this;
        }

        /** Sets the DEX routing chose. */
        public Builder chosenDex(String chosenDex) {
            this.chosenDex = chosenDex;
            return this;
        }

        /** Sets the chosen DEX's quote. */
        public Builder chosenQuote(Quote chosenQuote) {
            this.chosenQuote = chosenQuote;
            return this;
        }

        /** Sets the slippage bound. */
        public Builder minAmountOut(BigDecimal minAmountOut) {
            this.minAmountOut = minAmountOut;
            return this;
        }

        /** Sets this submission attempt and how many are allowed. */
        public Builder attempt(int attempt, int maxAttempts) {
            this.attempt = attempt;
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Sets the transaction's base58 signature. */
        public Builder txSignature(String txSignature) {
            this.txSignature = txSignature;
            return this;
        }

        /** Sets the amount received. */
        public Builder amountOut(BigDecimal amountOut) {
            this.amountOut = amountOut;
            return this;
        }

        /** Sets the price the swap executed at. */
        public Builder executionPrice(BigDecimal executionPrice) {
            this.executionPrice = executionPrice;
            return this;
        }

        /** Sets why the order failed or was cancelled. */
        public Builder failureReason(String failureReason) {
            this.failureReason = failureReason;
            return this;
        }

        /** Sets why the order failed, as a code. */
        public Builder failureCode(FailureCode failureCode) {
            this.failureCode = failureCode;
            return this;
        }

        /** The details with what was set. */
        public EventDetails build() {
            return new EventDetails(quotes, chosenDex, chosenQuote, minAmountOut, attempt, maxAttempts,
                                    txSignature, amountOut, executionPrice, failureReason, failureCode);
        }
    }
}
