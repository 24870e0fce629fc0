package io.orderstream.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.Quote;
import io.orderstream.routing.SignedTransaction;

/**
 * How far earlier runs took an order, read from its stored events: what a new run resumes from,
 * so that no step that took effect is done again.
 *
 * @param history the order's events after its first, in seq order
 * @param amount  the order's amount in
 */
record StoredProgress(List<OrderEvent> history, BigDecimal amount) {
    /** The transaction an earlier run built and recorded, if any. */
    Optional<SignedTransaction> builtTransaction() {
        for (OrderEvent event : history.reversed()) {
            EventDetails details = event.details();
            if (details.txSignature() != null && details.chosenQuote() != null && details.minAmountOut() != null) {
                return Optional.of(new SignedTransaction(details.txSignature(), details.chosenQuote(), amount,
                                                         details.minAmountOut()));
            }
        }
        return Optional.empty();
    }

    /** The quote an earlier run chose, if it got that far. */
    Optional<Quote> chosenQuote() {
        for (OrderEvent event : history.reversed()) {
            EventDetails details = event.details();
            if (details.chosenQuote() != null) {
                return Optional.of(details.chosenQuote());
            }
            if (details.chosenDex() != null && details.quotes() != null) {
                Optional<Quote> best = details.quotes().stream()
                        .filter(quote -> quote.dex().equals(details.chosenDex()))
                        .findFirst();
                if (best.isPresent()) {
                    return best;
                }
            }
        }
        return Optional.empty();
    }

    /** Submission attempts earlier runs recorded. */
    int attemptsMade() {
        return history.stream()
                .filter(event -> event.status() == OrderStatus.SUBMITTED && event.details().attempt() != null)
                .mapToInt(event -> event.details().attempt())
                .max()
                .orElse(0);
    }
}
