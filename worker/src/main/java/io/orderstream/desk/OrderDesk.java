package io.orderstream.desk;

import java.util.List;
import java.util.Optional;

import io.orderstream.error.InvalidRequestException;
import io.orderstream.error.OrderNotCancellableException;
import io.orderstream.error.OrderNotFoundException;
import io.orderstream.error.OrderNotReplayableException;
import io.orderstream.logs.OrderLog;
import io.orderstream.order.EventDetails;
import io.orderstream.order.FailureCode;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.queue.WorkSignal;
import io.orderstream.store.EventLog;
import io.orderstream.store.OrderPage;
import io.orderstream.store.OrderReplays;
import io.orderstream.store.OrderStore;
import io.orderstream.store.PageCursor;
import io.orderstream.store.QueueShareExceededException;
import io.orderstream.tracing.Traced;

/**
 * The order desk: the use cases of orders behind one façade, whichever face asks. Submit, read,
 * list, cancel, replay, read the history after a seq, and the checks a watch needs. Every face
 * (REST, gRPC, both WebSocket endpoints) calls these, never the store; each translates their
 * exceptions to its own errors in one place.
 * <p>
 * Every use case takes the caller, as the face authenticated it, and is allowed here, once for all
 * faces: first the scope it needs ({@code orders:write} to submit and cancel, {@code orders:read}
 * for the rest, {@code orders:admin} to replay; {@code orders:admin} allows all), then the order's
 * owner. An order belongs to the subject that submitted it; to anyone else but an administrator
 * it does not exist, so another subject's order and a missing one are refused alike and no one
 * learns which ids are taken. Replaying needs {@code orders:admin}, which sees every order, so a
 * caller without it is refused for the scope before any order is looked up. A submit is then
 * held to the caller's {@link SubmitQuota}: its submit rate, and its share of the queue.
 * Thread-safe.
 */
public final class OrderDesk {
    /** Largest page of {@link #list}. */
    public static final int MAX_PAGE_SIZE = 100;
    /** Page size when the client gives none. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    private static final String RECEIVED = "Order received and queued for execution";

    private final OrderStore store;
    private final EventLog events;
    private final WorkSignal workers;
    private final PageTokens pageTokens;
    private final OrderMeters meters;

    /**
     * Creates the use cases.
     *
     * @param store      the store, which queues new orders with them
     * @param events     where events are recorded
     * @param workers    told when an order was queued
     * @param pageTokens signs the page tokens of listings and checks those clients send back
     * @param meters     counts submits, cancels and replays
     */
    public OrderDesk(OrderStore store, EventLog events, WorkSignal workers, PageTokens pageTokens, OrderMeters meters) {
        this.store = store;
        this.events = events;
        this.workers = workers;
        this.pageTokens = pageTokens;
        this.meters = meters;
    }

    /**
     * Accepts an order: stores and queues it with its pending event in one transaction, then
     * wakes the workers. The pending event is not published: no one can watch an order before
     * it is stored, and a watcher's replay from the store delivers it. A repeated idempotency
     * key with the same order answers the order already accepted.
     *
     * Idempotency keys are the caller's own: another subject's key is no concern.
     *
     * @param caller  who submits it, and owns it from now on
     * @param quota   what the caller may still submit (the gateway keeps it by subject, or in
     *                anonymous mode by address)
     * @param request the validated order
     * @param face    the face it came through, for the submit count
     * @return the order and whether this call created it
     * @throws io.orderstream.error.PermissionDeniedException without {@code orders:write}
     * @throws io.orderstream.error.RateLimitedException when the caller is past its submit rate, or
     *                                                   has its share of the queue unfinished
     * @throws io.orderstream.error.IdempotencyConflictException when the key belongs to another
     *                                                           order of the caller's
     * @throws io.orderstream.error.StoreUnavailableException when the queue is full or the store
     *                                                        unreachable; nothing was stored
     */
    public Submission submit(Caller caller, SubmitQuota quota, OrderRequest request, SubmitFace face) {
        caller.require(Scope.WRITE);
        quota.take(face);
        OrderStore.Creation creation;
        try {
            // The face's span of this submit, queued with the order: its execution continues the trace.
            creation = store.create(caller.subject(), quota.share(), request, RECEIVED, Traced.traceparent());
        } catch (QueueShareExceededException e) {
            throw quota.refused(e, face);
        }
        if (creation.created()) {
            OrderLog.changed(creation.order().id(), caller.subject(), Optional.empty(), OrderStatus.PENDING,
                             RECEIVED + " (" + face.tag() + ")");
            meters.submitted(face);
            workers.announce();
        }
        return new Submission(creation.order(), creation.created());
    }

    /**
     * One order.
     *
     * @param caller  who asks
     * @param orderId the id as the client gave it
     * @return the order
     * @throws io.orderstream.error.PermissionDeniedException without {@code orders:read}
     * @throws InvalidRequestException when the id is malformed
     * @throws OrderNotFoundException  when there is no such order, or it is another subject's
     */
    public Order get(Caller caller, String orderId) {
        caller.require(Scope.READ);
        return visible(caller, orderId);
    }

    /**
     * A page of the caller's orders (an administrator's: everyone's), newest first.
     *
     * @param caller         who asks
     * @param status         only this status, or all
     * @param failureCode    only failed orders that failed for this reason, or all
     * @param pageSize       0 for the default, else 1 to {@link #MAX_PAGE_SIZE}
     * @param pageToken      empty for the first page, else a token from the previous page
     * @param tokenParameter the name the client gave the token under, for the error
     * @return the page, with the token of the next
     * @throws io.orderstream.error.PermissionDeniedException without {@code orders:read}
     * @throws InvalidRequestException for a page size out of range, a failure code with a status
     *                                 other than failed, or a token that no gateway sharing this
     *                                 one's key gave, or that was altered
     */
    public OrderListing list(Caller caller, Optional<OrderStatus> status, Optional<FailureCode> failureCode,
                             int pageSize, String pageToken, String tokenParameter) {
        caller.require(Scope.READ);
        if (failureCode.isPresent() && status.isPresent() && status.get() != OrderStatus.FAILED) {
            throw new InvalidRequestException("failureCode", "applies only to failed orders, but the status asked"
                    + " for is " + status.get().wireName());
        }
        if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("pageSize", "must be from 1 to " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        PageCursor cursor = PageCursor.FIRST;
        if (pageToken != null && !pageToken.isEmpty()) {
            cursor = pageTokens.parse(pageToken)
                    .orElseThrow(() -> new InvalidRequestException(tokenParameter, pageTokens.refusal()));
        }
        // A token is only a position: another subject's token lists the caller's own orders from there.
        Optional<String> owner = caller.isAdmin() ? Optional.empty() : Optional.of(caller.subject());
        OrderPage page = store.list(owner, status, failureCode, pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize, cursor);
        return new OrderListing(page.orders(), page.nextCursor().map(pageTokens::token).orElse(""));
    }

    /**
     * Cancels an order that has not reached a DEX; watchers see a terminal {@code cancelled} event.
     *
     * @param caller  who asks
     * @param orderId the id as the client gave it
     * @return the cancelled order
     * @throws io.orderstream.error.PermissionDeniedException without {@code orders:write}
     * @throws OrderNotFoundException       when there is no such order, or it is another subject's
     * @throws OrderNotCancellableException when it has been submitted, or has ended
     */
    public Order cancel(Caller caller, String orderId) {
        caller.require(Scope.WRITE);
        Order order = visible(caller, orderId);
        Optional<OrderEvent> cancelled = events.record(order.id(), OrderStatus.CANCELLED, 0,
                                                       "Order cancelled by the client",
                                                       EventDetails.builder().failureReason("Cancelled by the client")
                                                               .build());
        if (cancelled.isEmpty()) {
            Order now = store.find(order.id()).orElseThrow(() -> new OrderNotFoundException(order.id()));
            throw new OrderNotCancellableException(order.id(), now.status().wireName());
        }
        OrderLog.changed(order.id(), order.owner(), Optional.of(order.status()), OrderStatus.CANCELLED,
                         cancelled.get().message());
        meters.cancelled(cancelled.get().timestamp().toEpochMilli() - order.createdAt().toEpochMilli());
        return store.find(order.id()).orElseThrow(() -> new OrderNotFoundException(order.id()));
    }

    /**
     * Replays a failed order: the same order, its history kept, goes back to {@code pending} and
     * is executed again from the start by whichever worker claims it, its new events continuing
     * its seqs. Watchers resuming after the failed event's seq see the new execution.
     *
     * @param caller  who asks; an administrator
     * @param orderId the id as the client gave it
     * @return the order, pending again
     * @throws io.orderstream.error.PermissionDeniedException without {@code orders:admin}
     * @throws InvalidRequestException      when the id is malformed
     * @throws OrderNotFoundException       when there is no such order
     * @throws OrderNotReplayableException  when it is not failed
     * @throws io.orderstream.error.StoreUnavailableException when the queue is full or the store
     *                                                        unreachable; nothing was changed
     */
    public Order replay(Caller caller, String orderId) {
        caller.require(Scope.ADMIN);
        Order order = visible(caller, orderId);
        // Queued with the face's span of this replay, if it has one: its execution continues that trace.
        Optional<OrderReplays.Replay> replayed = events.replay(order.id(), "Order replayed by an administrator:"
                + " queued for a new execution", Traced.traceparent());
        if (replayed.isEmpty()) {
            Order now = store.find(order.id()).orElseThrow(() -> new OrderNotFoundException(order.id()));
            throw new OrderNotReplayableException(order.id(), now.status().wireName());
        }
        // Who replayed it goes to the log, not into the history the order's owner reads.
        OrderLog.changed(order.id(), order.owner(), Optional.of(order.status()), OrderStatus.PENDING,
                         replayed.get().event().message() + " (" + caller.subject() + ", after: "
                                 + order.failureReason().orElse("no reason") + ")");
        meters.replayed();
        workers.announce();
        return replayed.get().order();
    }

    /**
     * Stored events of an order after a seq.
     *
     * @param caller   who asks
     * @param orderId  the id as the client gave it
     * @param afterSeq the last seq the client has
     * @return the events
     * @throws io.orderstream.error.PermissionDeniedException without {@code orders:read}
     * @throws InvalidRequestException when afterSeq is negative or beyond the last event
     * @throws OrderNotFoundException  when there is no such order, or it is another subject's
     */
    public List<OrderEvent> events(Caller caller, String orderId, long afterSeq) {
        Order order = watchable(caller, orderId, afterSeq);
        return store.eventsAfter(order.id(), afterSeq);
    }

    /**
     * Checks that an order can be watched from a seq.
     *
     * @param caller   who asks
     * @param orderId  the id as the client gave it
     * @param afterSeq the last seq the client saw
     * @return the order
     * @throws io.orderstream.error.PermissionDeniedException without {@code orders:read}
     * @throws InvalidRequestException when afterSeq is negative or beyond the last event
     * @throws OrderNotFoundException  when there is no such order, or it is another subject's
     */
    public Order watchable(Caller caller, String orderId, long afterSeq) {
        Order order = get(caller, orderId);
        if (afterSeq < 0) {
            throw new InvalidRequestException("afterSeq", "must not be negative, got " + afterSeq);
        }
        if (afterSeq > order.lastSeq()) {
            throw new InvalidRequestException("afterSeq", "is " + afterSeq + " but the last event of order "
                    + order.id() + " is " + order.lastSeq());
        }
        return order;
    }

    /** The order, when it exists and the caller may see it; the same refusal either way. */
    private Order visible(Caller caller, String orderId) {
        String id = OrderIds.parse("orderId", orderId);
        return store.find(id)
                .filter(order -> caller.isAdmin() || order.owner().equals(caller.subject()))
                .orElseThrow(() -> new OrderNotFoundException(id));
    }
}
