package io.orderstream.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.orderstream.order.Order;

/**
 * Where a page of orders starts: strictly after this (creation time, id) in newest-first order.
 * Clients see it as an opaque token.
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

    /**
     * The opaque token clients pass back.
     *
     * @return URL-safe token
     */
    public String token() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdMs + ":" + orderId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses a token from {@link #token()}.
     *
     * @param token as the client sent it
     * @return the cursor, or empty when the token is not one of ours
     */
    public static Optional<PageCursor> parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new PageCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
