package io.orderstream.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.orderstream.metrics.ExecutionMetrics.Step;
import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.metrics.FailureReason;
import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.Quote;
import io.orderstream.routing.Dex;
import io.orderstream.routing.DexException;
import io.orderstream.routing.DexRouter;
import io.orderstream.routing.DexTimeoutException;
import io.orderstream.routing.Execution;
import io.orderstream.routing.SignedTransaction;
import io.orderstream.routing.SlippageExceededException;
import io.orderstream.routing.TransientDexException;
import io.orderstream.store.OrderStore;

/**
 * Executes one claimed order through its life: route, build, submit with retries, confirm.
 * <p>
 * Each step is recorded before the next begins, and execution resumes from the last recorded
 * step, so an order taken over from a worker that died never repeats a step that took effect:
 * a transaction that may have been sent is looked up by its signature, never sent again.
 * When a step is refused (the order was cancelled meanwhile, or the claim lost) execution stops.
 * Thread-safe: each call works on its own order.
 */
public final class OrderExecutor {
    private static final Logger LOG = Logger.getLogger(OrderExecutor.class.getName());

    private final OrderStore store;
    private final DexRouter router;
    private final RetryPolicy retry;
    private final ExecutionMetrics metrics;

    /**
     * Creates an executor.
     *
     * @param store   the store, read to resume
     * @param router  the DEXs
     * @param retry   submission retries
     * @param metrics where outcomes, steps and attempts are counted
     */
    public OrderExecutor(OrderStore store, DexRouter router, RetryPolicy retry, ExecutionMetrics metrics) {
        this.store = store;
        this.router = router;
        this.retry = retry;
        this.metrics = metrics;
    }

    /**
     * Executes a claimed order from wherever it stands to a terminal state.
     *
     * @param claim the execution's claim on the order
     * @throws InterruptedException when the worker is stopping; the order stays where it is
     * @throws io.orderstream.store.StoreUnavailableException when a step could not be stored
     */
    public void execute(Claim claim) throws InterruptedException {
        resume(claim, Run::toEnd);
    }

    /**
     * Gives a claimed order up as failed (it keeps coming back unfinished), unless a transaction
     * it sent landed: that is looked up first, and the order confirmed.
     *
     * @param claim  the execution's claim
     * @param reason why, in words for the client
     * @throws InterruptedException when the worker is stopping
     * @throws io.orderstream.routing.LookupFailedException when the DEX cannot say whether it
     *                                                      landed: the order waits and comes back
     */
    public void abandon(Claim claim, String reason) throws InterruptedException {
        resume(claim, run -> run.abandon(reason));
    }

    /** Takes a pass over a claimed order from where its stored history left it. */
    private void resume(Claim claim, Pass pass) throws InterruptedException {
        Order order = claim.order();
        if (order.status().isTerminal()) {
            return;
        }
        // A fresh order's only event is its pending one: nothing to resume from.
        List<OrderEvent> history = order.lastSeq() > 1 ? store.eventsAfter(order.id(), 1) : List.of();
        try {
            pass.over(new Run(claim, history));
        } catch (Superseded e) {
            LOG.fine(() -> "Order " + order.id() + " moved on elsewhere (cancelled, or claimed again); stopping");
        } catch (DexException e) {
            fail(claim, e instanceof DexTimeoutException ? FailureReason.TIMEOUT : FailureReason.DEX_ERROR,
                 e.getMessage(), EventDetails.builder());
        }
    }

    /** What a pass does with an order. */
    @FunctionalInterface
    private interface Pass {
        void over(Run run) throws InterruptedException;
    }

    /** Ends the order as failed; counted only when the store took it (the claim still held). */
    private void fail(Claim claim, FailureReason why, String reason, EventDetails.Builder details)
            throws InterruptedException {
        Optional<OrderEvent> failed = claim.record(OrderStatus.FAILED, 0, "Order failed: " + reason,
                                                   details.failureReason(reason).build());
        if (failed.isPresent()) {
            metrics.failed(why, lifetimeMillis(claim.order(), failed.get()));
        }
    }

    /** From submit to an event, by the stored times: the submit may have been on another machine. */
    private static long lifetimeMillis(Order order, OrderEvent event) {
        return Math.max(0, event.timestamp().toEpochMilli() - order.createdAt().toEpochMilli());
    }

    /** One pass over one order, carrying what earlier steps decided. */
    private final class Run {
        private final Order order;
        private final Claim claim;
        private final StoredProgress progress;
        /** When the submission step began (System.nanoTime), while it runs; 0 otherwise. */
        private long submissionStart;

        Run(Claim claim, List<OrderEvent> history) {
            this.order = claim.order();
            this.claim = claim;
            this.progress = new StoredProgress(history, order.request().amount());
        }

        void toEnd() throws InterruptedException {
            if (order.status() == OrderStatus.PENDING) {
                long queuedMillis = Math.max(0, System.currentTimeMillis() - order.createdAt().toEpochMilli());
                metrics.step(Step.QUEUED, TimeUnit.MILLISECONDS.toNanos(queuedMillis));
            }
            Optional<SignedTransaction> built = progress.builtTransaction();
            if (built.isPresent()) {
                submitAndConfirm(built.get());
                return;
            }
            // A run that died after choosing a quote builds on it: routing again would take the
            // order's life back a step (building, then routing) for its watchers.
            Optional<Quote> chosen = progress.chosenQuote();
            submitAndConfirm(build(chosen.isPresent() ? chosen.get() : route()));
        }

        private Quote route() throws InterruptedException {
            long start = System.nanoTime();
            try {
                record(OrderStatus.ROUTING, 10, "Fetching quotes from " + router.dexes().size() + " DEXs...",
                       EventDetails.NONE);
                List<Quote> quotes = router.quotes(order.request().tokenIn(), order.request().tokenOut(),
                                                   order.request().amount());
                Quote best = quotes.getFirst();
                record(OrderStatus.ROUTING, 30,
                       "Received " + quotes.size() + " quotes; best is " + best.dex() + " with "
                               + best.amountOut().toPlainString() + " " + order.request().tokenOut() + " after fees",
                       EventDetails.builder().quotes(quotes).chosenDex(best.dex()).build());
                return best;
            } finally {
                metrics.step(Step.ROUTING, System.nanoTime() - start);
            }
        }

        private SignedTransaction build(Quote quote) throws InterruptedException {
            long start = System.nanoTime();
            try {
                BigDecimal minAmountOut = Quote.minAmountOut(quote.amountOut(), order.request().slippagePercent());
                record(OrderStatus.BUILDING, 50, "Building transaction on " + quote.dex() + "...",
                       EventDetails.builder().chosenDex(quote.dex()).chosenQuote(quote).minAmountOut(minAmountOut)
                               .build());
                SignedTransaction transaction = router.dex(quote.dex())
                        .build(quote, order.request().amount(), minAmountOut);
                record(OrderStatus.BUILDING, 70, "Transaction built, ready to submit",
                       EventDetails.builder().chosenDex(quote.dex()).chosenQuote(quote).minAmountOut(minAmountOut)
                               .txSignature(transaction.signature()).build());
                return transaction;
            } finally {
                metrics.step(Step.BUILDING, System.nanoTime() - start);
            }
        }

        private void submitAndConfirm(SignedTransaction transaction) throws InterruptedException {
            submissionStart = System.nanoTime();
            try {
                submit(transaction);
            } finally {
                // Ended already when the DEX reported the swap; otherwise it ends here, however.
                endSubmission();
            }
        }

        private void endSubmission() {
            if (submissionStart != 0) {
                metrics.step(Step.SUBMISSION, System.nanoTime() - submissionStart);
                submissionStart = 0;
            }
        }

        private void submit(SignedTransaction transaction) throws InterruptedException {
            Dex dex = router.dex(transaction.quote().dex());
            int attempt = progress.attemptsMade();
            if (attempt > 0) {
                // A worker died after sending: the transaction may have landed, so look before resending.
                Optional<Execution> landed = dex.lookup(transaction.signature());
                if (landed.isPresent()) {
                    confirm(transaction, landed.get());
                    return;
                }
            }
            String lastFailure = null;
            boolean timedOut = false;
            while (attempt < retry.maxAttempts()) {
                if (lastFailure != null && lookedUp(dex, transaction)) {
                    return;
                }
                attempt++;
                String retryNote = lastFailure == null ? "" : " after \"" + lastFailure + "\"";
                record(OrderStatus.SUBMITTED, 75 + 5 * Math.min(attempt, 4),
                       "Submitting transaction (attempt " + attempt + "/" + retry.maxAttempts() + ")" + retryNote
                               + "...",
                       EventDetails.builder().chosenDex(dex.name()).txSignature(transaction.signature())
                               .attempt(attempt, retry.maxAttempts()).build());
                metrics.attempt(attempt);
                try {
                    confirm(transaction, dex.submit(transaction));
                    return;
                } catch (TransientDexException e) {
                    lastFailure = e.getMessage();
                    timedOut = e instanceof DexTimeoutException;
                    if (attempt < retry.maxAttempts()) {
                        Thread.sleep(retry.backoffAfter(attempt));
                    }
                } catch (SlippageExceededException e) {
                    fail(claim, FailureReason.SLIPPAGE, e.getMessage(), EventDetails.builder().chosenDex(dex.name())
                            .txSignature(transaction.signature()).executionPrice(e.executionPrice())
                            .attempt(attempt, retry.maxAttempts()));
                    return;
                }
            }
            if (lastFailure != null && lookedUp(dex, transaction)) {
                return;
            }
            fail(claim, timedOut ? FailureReason.TIMEOUT : FailureReason.DEX_ERROR,
                 "Submission failed after " + retry.maxAttempts() + " attempts: " + lastFailure,
                 EventDetails.builder().chosenDex(dex.name()).txSignature(transaction.signature())
                         .attempt(attempt, retry.maxAttempts()));
        }

        /**
         * Confirms the order if a transaction that may have been sent landed. A failed attempt
         * may still land (a timeout, a reply lost after sending), so it is looked up before the
         * transaction is sent again or the order given up.
         */
        private boolean lookedUp(Dex dex, SignedTransaction transaction) throws InterruptedException {
            Optional<Execution> landed = dex.lookup(transaction.signature());
            if (landed.isPresent()) {
                confirm(transaction, landed.get());
            }
            return landed.isPresent();
        }

        /** Ends the order as abandoned, unless a transaction it sent landed: then it is confirmed. */
        void abandon(String reason) throws InterruptedException {
            Optional<SignedTransaction> built = progress.builtTransaction();
            if (built.isPresent() && progress.attemptsMade() > 0
                    && lookedUp(router.dex(built.get().quote().dex()), built.get())) {
                return;
            }
            fail(claim, FailureReason.MAX_DELIVERIES, reason, EventDetails.builder());
        }

        private void confirm(SignedTransaction transaction, Execution execution) throws InterruptedException {
            endSubmission();
            long start = System.nanoTime();
            OrderEvent confirmed = record(
                    OrderStatus.CONFIRMED, 100,
                    "Order executed on " + transaction.quote().dex() + ": received "
                            + execution.amountOut().toPlainString() + " " + order.request().tokenOut(),
                    EventDetails.builder().chosenDex(transaction.quote().dex()).txSignature(execution.signature())
                            .amountOut(execution.amountOut()).executionPrice(execution.executionPrice()).build());
            metrics.step(Step.CONFIRMATION, System.nanoTime() - start);
            metrics.confirmed(lifetimeMillis(order, confirmed));
        }

        private OrderEvent record(OrderStatus status, int progress, String message, EventDetails details)
                throws InterruptedException {
            // Stored only while this worker holds the claim and the order is where this run left it.
            return claim.record(status, progress, message, details).orElseThrow(Superseded::new);
        }
    }
}
