package io.orderstream.gateway;

import java.util.List;
import java.util.Optional;

import io.orderstream.auth.Principal;
import io.orderstream.auth.Scope;
import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.queue.WorkSignal;
import io.orderstream.store.EventLog;
import io.orderstream.store.OrderPage;
import io.orderstream.store.OrderStore;
import io.orderstream.store.PageCursor;

/**
 * What the gateway does with orders, whichever face asked: submit, read, list, cancel, and the
 * checks a watch needs. Faces translate its exceptions to their own errors in one place each.
 * <p>
 * Every use case takes the caller, as the face authenticated it, and is allowed here, once for all
 * faces: first the scope it needs ({@code orders:write} to submit and cancel, {@code orders:read}
 * for the rest; {@code orders:admin} allows all), then the order's owner. An order belongs to the
 * subject that submitted it; to anyone else but an administrator it does not exist, so another
 * subject's order and a missing one are refused alike and no one learns which ids are taken.
 */
public final class OrderService {
    /** Largest page of {@link #list}. */
    public static final int MAX_PAGE_SIZE = 100;
    /** Page size when the client gives none. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    private final OrderStore store;
    private final EventLog events;
    private final WorkSignal workers;
    private final PageTokens pageTokens;
    private final OrderMeters meters;

    /**
     * Creates the service.
     *
     * @param store      the store, which queues new orders with them
     * @param events     where events are recorded
     * @param workers    told when an order was queued
     * @param pageTokens signs the page tokens of listings and checks those clients send back
     * @param meters     counts submits and cancels
     */
    public OrderService(OrderStore store, EventLog events, WorkSignal workers, PageTokens pageTokens,
                        OrderMeters meters) {
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
     * @param request the validated order
     * @param face    the face it came through, for the submit count
     * @return the order and whether this call created it
     * @throws io.orderstream.auth.PermissionDeniedException without {@code orders:write}
     * @throws io.orderstream.store.IdempotencyConflictException when the key belongs to another
     *                                                           order of the caller's
     * @throws io.orderstream.store.StoreUnavailableException when the queue is full or the store
     *                                                        unreachable; nothing was stored
     */
    public OrderStore.Creation submit(Principal caller, OrderRequest request, SubmitFace face) {
        caller.require(Scope.WRITE);
        OrderStore.Creation creation = store.create(caller.subject(), request,
                                                    "Order received and queued for execution");
        if (creation.created()) {
            meters.submitted(face);
            workers.announce();
        }
        return creation;
    }

    /**
     * One order.
     *
     * @param caller  who asks
     * @param orderId the id as the client gave it
     * @return the order
     * @throws io.orderstream.auth.PermissionDeniedException without {@code orders:read}
     * @throws InvalidRequestException when the id is malformed
     * @throws OrderNotFoundException  when there is no such order, or it is another subject's
     */
    public Order get(Principal caller, String orderId) {
        caller.require(Scope.READ);
        return visible(caller, orderId);
    }

    /**
     * A page of the caller's orders (an administrator's: everyone's), newest first.
     *
     * @param caller         who asks
     * @param status         only this status, or all
     * @param pageSize       0 for the default, else 1 to {@link #MAX_PAGE_SIZE}
     * @param pageToken      empty for the first page, else a token from the previous page
     * @param tokenParameter the name the client gave the token under, for the error
     * @return the page, with the token of the next
     * @throws io.orderstream.auth.PermissionDeniedException without {@code orders:read}
     * @throws InvalidRequestException for a page size out of range, or a token that no gateway
     *                                 sharing this one's key gave, or that was altered
     */
    public OrderListing list(Principal caller, Optional<OrderStatus> status, int pageSize, String pageToken,
                             String tokenParameter) {
        caller.require(Scope.READ);
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
        OrderPage page = store.list(owner, status, pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize, cursor);
        return new OrderListing(page.orders(), page.nextCursor().map(pageTokens::token).orElse(""));
    }

    /**
     * Cancels an order that has not reached a DEX; watchers see a terminal {@code cancelled} event.
     *
     * @param caller  who asks
     * @param orderId the id as the client gave it
     * @return the cancelled order
     * @throws io.orderstream.auth.PermissionDeniedException without {@code orders:write}
     * @throws OrderNotFoundException       when there is no such order, or it is another subject's
     * @throws OrderNotCancellableException when it has been submitted, or has ended
     */
    public Order cancel(Principal caller, String orderId) {
        caller.require(Scope.WRITE);
        Order order = visible(caller, orderId);
        Optional<OrderEvent> cancelled = events.record(order.id(), OrderStatus.CANCELLED, 0,
                                                       "Order cancelled by the client",
                                                       EventDetails.builder().failureReason("Cancelled by the client")
                                                               .build());
        if (cancelled.isEmpty()) {
            Order now = store.find(order.id()).orElseThrow(() -> new OrderNotFoundException(order.id()));
            throw new OrderNotCancellableException(order.id(), now.status());
        }
        meters.cancelled(cancelled.get().timestamp().toEpochMilli() - order.createdAt().toEpochMilli());
        return store.find(order.id()).orElseThrow(() -> new OrderNotFoundException(order.id()));
    }

    /**
     * Stored events of an order after a seq.
     *
     * @param caller   who asks
     * @param orderId  the id as the client gave it
     * @param afterSeq the last seq the client has
     * @return the events
     * @throws io.orderstream.auth.PermissionDeniedException without {@code orders:read}
     * @throws InvalidRequestException when afterSeq is negative or beyond the last event
     * @throws OrderNotFoundException  when there is no such order, or it is another subject's
     */
    public List<OrderEvent> events(Principal caller, String orderId, long afterSeq) {
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
     * @throws io.orderstream.auth.PermissionDeniedException without {@code orders:read}
     * @throws InvalidRequestException when afterSeq is negative or beyond the last event
     * @throws OrderNotFoundException  when there is no such order, or it is another subject's
     */
    public Order watchable(Principal caller, String orderId, long afterSeq) {
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
    private Order visible(Principal caller, String orderId) {
        String id = OrderIds.parse("orderId", orderId);
        return store.find(id)
                .filter(order -> caller.isAdmin() || order.owner().equals(caller.subject()))
                .orElseThrow(() -> new OrderNotFoundException(id));
    }
}
