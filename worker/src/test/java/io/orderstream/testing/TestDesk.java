package io.orderstream.testing;

import java.util.Optional;

import io.orderstream.desk.Caller;
import io.orderstream.desk.OrderDesk;
import io.orderstream.desk.OrderMeters;
import io.orderstream.desk.PageTokens;
import io.orderstream.desk.SubmitFace;
import io.orderstream.desk.SubmitQuota;
import io.orderstream.metrics.MeterSet;
import io.orderstream.order.Order;
import io.orderstream.order.OrderRequest;
import io.orderstream.queue.WorkSignal;
import io.orderstream.store.EventLog;
import io.orderstream.store.OrderStore;

/**
 * The order desk over a test's own store, called as a gateway in {@code none} mode calls it: by
 * the anonymous caller, who may do everything, bound by the queue's capacity alone, submitting as
 * the REST face. Tests of the engine and of the sweeps get their orders, and cancel and replay
 * them, the way clients do.
 */
public final class TestDesk implements AutoCloseable {
    private static final SubmitQuota QUEUE_ONLY = SubmitQuota.unlimited(Order.ANONYMOUS_OWNER);
    private static final String SECRET = "the page token secret of worker tests";

    private final MeterSet meters = new MeterSet();
    private final OrderDesk desk;

    /**
     * The desk over a store.
     *
     * @param store   the test's store
     * @param events  its event log
     * @param workers woken by each submit and replay
     */
    public TestDesk(OrderStore store, EventLog events, WorkSignal workers) {
        desk = new OrderDesk(store, events, workers, PageTokens.create(Optional.of(SECRET)), new OrderMeters(meters));
    }

    /**
     * Submits an order.
     *
     * @param request the order
     * @return the order, pending and queued
     */
    public Order submit(OrderRequest request) {
        return desk.submit(Caller.ANONYMOUS, QUEUE_ONLY, request, SubmitFace.REST).order();
    }

    /**
     * Cancels an order.
     *
     * @param orderId the order
     * @return the order, cancelled
     */
    public Order cancel(String orderId) {
        return desk.cancel(Caller.ANONYMOUS, orderId);
    }

    /**
     * Replays a failed order.
     *
     * @param orderId the order
     * @return the order, pending again
     */
    public Order replay(String orderId) {
        return desk.replay(Caller.ANONYMOUS, orderId);
    }

    @Override
    public void close() {
        meters.close();
    }
}
