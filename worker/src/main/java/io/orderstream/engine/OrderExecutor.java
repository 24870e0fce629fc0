package io.orderstream.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.orderstream.metrics.ExecutionMetrics.Step;
import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.order.EventDetails;
import io.orderstream.order.FailureCode;
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

/**
 * Executes one claimed order through its life: route, build, submit with retries, confirm.
 * <p>
 * Every step is stored before anything that follows it acts on the world: routing and building
 * are noted and written while the execution goes on, and the attempt before a transaction is
 * sent waits until it and they are stored ({@link Claim}). Execution resumes from the last stored
 * step, so an order taken over from a worker that died never repeats a step that took effect:
 * a transaction that may have been sent is looked up by its signature, never sent again.
 * A replayed order is a new execution ({@link StoredProgress}): it routes, builds and submits
 * afresh, once the transactions its earlier executions sent are looked up and none has landed.
 * When a step is refused (the order was cancelled meanwhile, or the claim lost) execution stops.
 * Thread-safe: each call works on its own order.
 */
public final class OrderExecutor {
    private static final Logger LOG = Logger.getLogger(OrderExecutor.class.getName());

    private final DexRouter router;
    private final RetryPolicy retry;
    private final ExecutionMetrics metrics;

    /**
     * Creates an executor.
     *
     * @param router  the DEXs
     * @param retry   submission retries
     * @param metrics where outcomes, steps and attempts are counted
     */
    public OrderExecutor(DexRouter router, RetryPolicy retry, ExecutionMetrics metrics) {
        this.router = router;
        this.retry = retry;
        this.metrics = metrics;
    }

    /**
     * Executes a claimed order from wherever it stands to a terminal state.
     *
     * @param claim the execution's claim on the order
     * @throws InterruptedException when the worker is stopping; the order stays where it is
     * @throws io.orderstream.error.StoreUnavailableException when a step could not be stored
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
        Run run = new Run(claim, claim.history());
        try {
            pass.over(run);
        } catch (Superseded e) {
            LOG.fine(() -> "Order " + order.id() + " moved on elsewhere (cancelled, or claimed again); stopping");
        } catch (DexException e) {
            run.fail(e instanceof DexTimeoutException ? FailureCode.TIMEOUT : FailureCode.DEX_ERROR, e.getMessage(),
                     EventDetails.builder());
        }
    }

    /** What a pass does with an order. */
    @FunctionalInterface
    private interface Pass {
        void over(Run run) throws InterruptedException;
    }

    /** One pass over one order, carrying what earlier steps decided. */
    private final class Run {
        private final Order order;
        private final Claim claim;
        private final StoredProgress progress;
        /** The submission step, while it runs; none when a pass only looks a transaction up (abandon). */
        private TimedStep submission;

        Run(Claim claim, List<OrderEvent> history) {
            this.order = claim.order();
            this.claim = claim;
            this.progress = StoredProgress.of(history, order.request().amount());
        }

        void toEnd() throws InterruptedException {
            if (order.status() == OrderStatus.PENDING) {
                // Queued at its submit, or at the replay that queued it again: its last update either way.
                long queuedMillis = Math.max(0, System.currentTimeMillis() - order.updatedAt().toEpochMilli());
                metrics.step(Step.QUEUED, TimeUnit.MILLISECONDS.toNanos(queuedMillis));
            }
            // A replay first looks up what earlier executions sent: one that landed is the execution.
            if (progress.attemptsMade() == 0 && landedAny(progress.sentEarlier())) {
                return;
            }
            // From the furthest step recorded: a built transaction is submitted (looked up first if
            // sent), a chosen quote built on; routing again would take the order's life back a
            // step (building, then routing) for its watchers.
            Optional<SignedTransaction> built = progress.builtTransaction();
            Optional<Quote> chosen = progress.chosenQuote();
            submitAndConfirm(built.isPresent() ? built.get() : build(chosen.isPresent() ? chosen.get() : route()));
        }

        private Quote route() throws InterruptedException {
            try (TimedStep routing = TimedStep.begin(metrics, Step.ROUTING)) {
                claim.note(OrderStatus.ROUTING, 10, "Fetching quotes from " + router.dexes().size() + " DEXs...",
                            EventDetails.NONE);
                List<Quote> quotes = router.quotes(order.request().tokenIn(), order.request().tokenOut(),
                                                   order.request().amount());
                Quote best = quotes.getFirst();
                claim.note(OrderStatus.ROUTING, 30,
                            "Received " + quotes.size() + " quotes; best is " + best.dex() + " with "
                                    + best.amountOut().toPlainString() + " " + order.request().tokenOut()
                                    + " after fees",
                            EventDetails.builder().quotes(quotes).chosenDex(best.dex()).build());
                return best;
            }
        }

        private SignedTransaction build(Quote quote) throws InterruptedException {
            try (TimedStep building = TimedStep.begin(metrics, Step.BUILDING)) {
                BigDecimal minAmountOut = Quote.minAmountOut(quote.amountOut(), order.request().slippagePercent());
                claim.note(OrderStatus.BUILDING, 50, "Building transaction on " + quote.dex() + "...",
                            EventDetails.builder().chosenDex(quote.dex()).chosenQuote(quote).minAmountOut(minAmountOut)
                                    .build());
                SignedTransaction transaction = router.dex(quote.dex())
                        .build(quote, order.request().amount(), minAmountOut);
                claim.note(OrderStatus.BUILDING, 70, "Transaction built, ready to submit",
                            EventDetails.builder().chosenDex(quote.dex()).chosenQuote(quote).minAmountOut(minAmountOut)
                                    .txSignature(transaction.signature()).build());
                return transaction;
            }
        }

        private void submitAndConfirm(SignedTransaction transaction) throws InterruptedException {
            // Ended already when the order was confirmed or failed (see confirm, fail); otherwise here, however.
            try (TimedStep step = TimedStep.begin(metrics, Step.SUBMISSION)) {
                submission = step;
                submit(transaction);
            }
        }

        private void submit(SignedTransaction transaction) throws InterruptedException {
            Dex dex = router.dex(transaction.quote().dex());
            int attempt = progress.attemptsMade();
            // A worker died after sending: the transaction may have landed, so look before resending.
            if (attempt > 0 && lookedUp(dex, transaction)) {
                return;
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
                    fail(FailureCode.SLIPPAGE, e.getMessage(), EventDetails.builder().chosenDex(dex.name())
                            .txSignature(transaction.signature()).executionPrice(e.executionPrice())
                            .attempt(attempt, retry.maxAttempts()));
                    return;
                }
            }
            if (lastFailure != null && lookedUp(dex, transaction)) {
                return;
            }
            fail(timedOut ? FailureCode.TIMEOUT : FailureCode.DEX_ERROR,
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

        /** Confirms the order with the first of these transactions that landed, if one did. */
        private boolean landedAny(List<SignedTransaction> sent) throws InterruptedException {
            for (SignedTransaction transaction : sent) {
                if (lookedUp(router.dex(transaction.quote().dex()), transaction)) {
                    return true;
                }
            }
            return false;
        }

        /** Ends the order as abandoned, unless a transaction it sent landed: then it is confirmed. */
        void abandon(String reason) throws InterruptedException {
            if (!landedAny(progress.everySent())) {
                fail(FailureCode.MAX_DELIVERIES, reason, EventDetails.builder());
            }
        }

        /** Ends the order as failed; counted only when the store took it (the claim still held). */
        void fail(FailureCode code, String reason, EventDetails.Builder details) throws InterruptedException {
            // The step ends before the order does, as on confirm: a scrape that sees the failure
            // also sees the submission's time.
            if (submission != null) {
                submission.close();
            }
            Optional<OrderEvent> failed = claim.record(OrderStatus.FAILED, 0, "Order failed: " + reason,
                                                       details.failureReason(reason).failureCode(code).build());
            if (failed.isPresent()) {
                metrics.failed(code, progress.millisSinceStart(order, failed.get()));
            }
        }

        private void confirm(SignedTransaction transaction, Execution execution) throws InterruptedException {
            if (submission != null) {
                submission.close();
            }
            OrderEvent confirmed;
            try (TimedStep confirmation = TimedStep.untilDone(metrics, Step.CONFIRMATION)) {
                confirmed = record(
                        OrderStatus.CONFIRMED, 100,
                        "Order executed on " + transaction.quote().dex() + ": received "
                                + execution.amountOut().toPlainString() + " " + order.request().tokenOut(),
                        EventDetails.builder().chosenDex(transaction.quote().dex()).txSignature(execution.signature())
                                .amountOut(execution.amountOut()).executionPrice(execution.executionPrice()).build());
                confirmation.done();
            }
            metrics.confirmed(progress.millisSinceStart(order, confirmed));
        }

        private OrderEvent record(OrderStatus status, int progress, String message, EventDetails details)
                throws InterruptedException {
            // Stored only while this worker holds the claim and the order is where this run left it.
            return claim.record(status, progress, message, details).orElseThrow(Superseded::new);
        }
    }
}
