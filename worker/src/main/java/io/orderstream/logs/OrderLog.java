package io.orderstream.logs;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.order.OrderStatus;
import io.orderstream.tracing.Traced;

import io.helidon.logging.common.HelidonMdc;

/**
 * The log of orders' lives: one INFO line each time an order's status changes (received, routing,
 * building, submitted, confirmed, failed, cancelled), on the logger {@value #NAME}; set that
 * logger to WARNING to do without them. Nothing is logged per event delivered to watchers.
 * <p>
 * Lines logged within an order's {@linkplain #context context} carry its id, its trace and its
 * subject as fields of the JSON format (Helidon's MDC, so the text format may name them too:
 * {@code %X{orderId}}).
 */
public final class OrderLog {
    /** The logger of state changes. */
    public static final String NAME = "io.orderstream.orders";
    /** Context key: the order. */
    public static final String ORDER_ID = "orderId";
    /** Context key: the order's trace, while one is traced. */
    public static final String TRACE_ID = "traceId";
    /** Context key: the order's owner. */
    public static final String SUBJECT = "subject";
    private static final Logger LOG = Logger.getLogger(NAME);

    private OrderLog() {
    }

    /**
     * Names an order in every line this thread logs until the context is closed: its id, the
     * trace of the span current now (if any), and its subject. Contexts nest: closing one
     * restores what the thread had before.
     *
     * @param orderId the order
     * @param subject its owner
     * @return the context, to close on this thread
     */
    public static Context context(String orderId, String subject) {
        Context context = new Context(HelidonMdc.get(ORDER_ID), HelidonMdc.get(TRACE_ID), HelidonMdc.get(SUBJECT));
        HelidonMdc.set(ORDER_ID, orderId);
        put(TRACE_ID, Traced.traceId());
        HelidonMdc.set(SUBJECT, subject);
        return context;
    }

    /**
     * An order's status changed: one line.
     *
     * @param orderId the order
     * @param subject its owner
     * @param from    the status before, or empty for a new order
     * @param to      the status now
     * @param message the event's message
     */
    public static void changed(String orderId, String subject, Optional<OrderStatus> from, OrderStatus to,
                               String message) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        try (Context ignored = context(orderId, subject)) {
            LOG.info("Order " + orderId + " " + to.wireName()
                             + from.map(before -> " (was " + before.wireName() + ")").orElse("") + ": " + message);
        }
    }

    private static void put(String key, Optional<String> value) {
        if (value.isPresent()) {
            HelidonMdc.set(key, value.get());
        } else {
            HelidonMdc.remove(key);
        }
    }

    /** What the thread's log context held before; closing puts it back. */
    public static final class Context implements AutoCloseable {
        private final Optional<String> orderId;
        private final Optional<String> traceId;
        private final Optional<String> subject;

        private Context(Optional<String> orderId, Optional<String> traceId, Optional<String> subject) {
            this.orderId = orderId;
            this.traceId = traceId;
            this.subject = subject;
        }

        @Override
        public void close() {
            put(ORDER_ID, orderId);
            put(TRACE_ID, traceId);
            put(SUBJECT, subject);
        }
    }
}
