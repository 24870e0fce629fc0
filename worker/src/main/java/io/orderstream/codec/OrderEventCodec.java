package io.orderstream.codec;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Events as JSON text, as the Redis bus carries them between processes. Details are written as
 * {@link EventDetailsCodec} writes them; the timestamp as ISO-8601, which keeps every digit. The
 * names are those of the records' components, which are the {@link io.orderstream.order.EventField}s'
 * own names: no field is listed here.
 */
public final class OrderEventCodec {
    private OrderEventCodec() {
    }

    /**
     * An event as compact JSON.
     *
     * @param event the event
     * @return JSON text
     */
    public static String toJson(OrderEvent event) {
        Wire wire = new Wire(event.orderId(), event.seq(), event.status().wireName(), event.progress(),
                             event.message(), event.timestamp().toString(), event.details());
        try {
            return EventDetailsCodec.mapper().writeValueAsString(wire);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.seq() + " of order " + event.orderId()
                                                    + " cannot be written as JSON", e);
        }
    }

    /**
     * An event from the JSON text {@link #toJson(OrderEvent)} wrote.
     *
     * @param json the text
     * @return the event
     * @throws IllegalArgumentException when the text is not such an event
     */
    public static OrderEvent fromJson(String json) {
        Wire wire;
        try {
            wire = EventDetailsCodec.mapper().readValue(json, Wire.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not an order event: " + e.getOriginalMessage(), e);
        }
        if (wire.orderId() == null || wire.status() == null || wire.timestamp() == null) {
            throw new IllegalArgumentException("Not an order event: orderId, status or timestamp missing");
        }
        OrderStatus status = OrderStatus.fromWireName(wire.status())
                .orElseThrow(() -> new IllegalArgumentException("Unknown event status " + wire.status()));
        Instant timestamp;
        try {
            timestamp = Instant.parse(wire.timestamp());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not an order event: bad timestamp " + wire.timestamp(), e);
        }
        return new OrderEvent(wire.orderId(), wire.seq(), status, wire.progress(), wire.message(), timestamp,
                              wire.details() == null ? EventDetails.NONE : wire.details());
    }

    /** The JSON shape: the event with its status as a wire name and its time as text. */
    record Wire(String orderId,
                        long seq,
                        String status,
                        int progress,
                        String message,
                        String timestamp,
                        EventDetails details) {
    }
}
