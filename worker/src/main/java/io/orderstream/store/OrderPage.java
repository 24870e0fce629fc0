package io.orderstream.store;

import java.util.List;
import java.util.Optional;

import io.orderstream.order.Order;

/**
 * One page of orders, newest first.
 *
 * @param orders     the orders on this page
 * @param nextCursor where the next page starts; empty on the last page
 */
public record OrderPage(List<Order> orders, Optional<PageCursor> nextCursor) {
}
