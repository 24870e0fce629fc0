package io.orderstream.store;

import io.orderstream.order.Order;

/**
 * Where a page of orders starts: strictly after this (creation time, id) in newest-first order.
 * Clients never see it as it is: the gateway hands it out as a signed, opaque token, and takes
 * back only tokens it signed.
 *
 * @param createdMs creation time of the last order on the previous page
 * @param orderId   id of that order
 */
public record PageCursor(long createdMs, String orderId) {
    /** Before every order: the first page. */
    public static final PageCursor FIRST = new PageCursor(Long.MAX_VALUE, "~");

    /**
     * The cursor after an order.
     *
     * @param order the last order of a page
     * @return cursor of the next page
     */
    public static PageCursor after(Order order) {
        return new PageCursor(order.createdAt().toEpochMilli(), order.id());
    }
}
