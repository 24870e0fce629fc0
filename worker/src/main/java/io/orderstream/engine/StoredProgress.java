package io.orderstream.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.Quote;
import io.orderstream.routing.SignedTransaction;

/**
 * How far earlier runs took an order, read from its stored events: what a new run resumes from,
 * so that no step that took effect is done again.
 * <p>
 * A failed order that was replayed has a {@code pending} event for each replay, and each starts
 * a new execution, which routes, builds and submits afresh: a run resumes only from what runs of
 * its own execution recorded. Of the executions before, only the transactions they sent still
 * matter: such a transaction may have landed after its execution gave up, so it is looked up
 * before anything is sent again.
 *
 * @param current     the events of the current execution, after its {@code pending} event
 * @param sentEarlier transactions that earlier executions sent at least once, oldest first
 * @param replayedAt  when the current execution was queued by a replay; empty for the first
 * @param amount      the order's amount in
 */
record StoredProgress(List<OrderEvent> current, List<SignedTransaction> sentEarlier, Optional<Instant> replayedAt,
                      BigDecimal amount) {
    /**
     * Reads an order's history.
     *
     * @param history the order's events after its first, in seq order
     * @param amount  the order's amount in
     */
    static StoredProgress of(List<OrderEvent> history, BigDecimal amount) {
        int start = 0;
        Instant replayedAt = null;
        List<SignedTransaction> sent = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).status() == OrderStatus.PENDING) {
                new StoredProgress(history.subList(start, i), List.of(), Optional.empty(), amount)
                        .sentTransaction().ifPresent(sent::add);
                start = i + 1;
                replayedAt = history.get(i).timestamp();
            }
        }
        return new StoredProgress(List.copyOf(history.subList(start, history.size())), List.copyOf(sent),
                                  Optional.ofNullable(replayedAt), amount);
    }

    /** The transaction the current execution built and recorded, if any. */
    Optional<SignedTransaction> builtTransaction() {
        return latest(EventDetails::builtTransaction)
                .map(built -> new SignedTransaction(built.txSignature(), built.quote(), amount, built.minAmountOut()));
    }

    /** The transaction the current execution sent at least once, if any. */
    Optional<SignedTransaction> sentTransaction() {
        return attemptsMade() > 0 ? builtTransaction() : Optional.empty();
    }

    /** Every transaction any execution of the order sent, oldest first. */
    List<SignedTransaction> everySent() {
        List<SignedTransaction> sent = new ArrayList<>(sentEarlier);
        sentTransaction().ifPresent(sent::add);
        return sent;
    }

    /** The quote the current execution chose, if it got that far. */
    Optional<Quote> chosenQuote() {
        return latest(EventDetails::routedQuote);
    }

    /** Submission attempts the current execution's runs recorded. */
    int attemptsMade() {
        return current.stream()
                .filter(event -> event.status() == OrderStatus.SUBMITTED)
                .flatMapToInt(event -> event.details().submissionAttempt().stream())
                .max()
                .orElse(0);
    }

    /**
     * How long the current execution has lived at an event of it, by the stored times: from the
     * order's submit, or from the replay that queued it again (a failed order may wait days for
     * one, which is no part of its execution).
     */
    long millisSinceStart(Order order, OrderEvent event) {
        Instant start = replayedAt.orElse(order.createdAt());
        return Math.max(0, event.timestamp().toEpochMilli() - start.toEpochMilli());
    }

    /** What the newest event of the current execution that records it says. */
    private <T> Optional<T> latest(Function<EventDetails, Optional<T>> recorded) {
        return current.reversed().stream()
                .map(event -> recorded.apply(event.details()))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
