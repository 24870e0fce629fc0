package io.orderstream.desk;

import java.util.List;

import io.orderstream.order.Order;

/**
 * One page of an order listing, as clients receive it.
 *
 * @param orders        the orders on this page, newest first
 * @param nextPageToken the signed token of the next page; empty on the last page
 */
public record OrderListing(List<Order> orders, String nextPageToken) {
}
