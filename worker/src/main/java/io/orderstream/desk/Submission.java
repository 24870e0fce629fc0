package io.orderstream.desk;

import io.orderstream.order.Order;

/**
 * What a submit answers, on every face.
 *
 * @param order   the order, pending when this call created it
 * @param created whether this call created it; false when the caller's idempotency key named an
 *                order it had submitted already, which is answered as it is now
 */
public record Submission(Order order, boolean created) {
}
