package io.orderstream.order;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A field of an order event: the one list of them, in the order the REST and WebSocket JSON
 * writes them. {@link EventView} reads them from an event; every face writes what it reads.
 * <p>
 * Each field has its own {@link #fieldName() name}: that of the {@link OrderEvent} or
 * {@link EventDetails} component it reads, which is also the name the bus and the stored details
 * carry it under (Jackson writes those records as they are) and the JSON name of its field in the
 * protobuf contract. The REST and WebSocket JSON write it under its {@link #jsonName() JSON name},
 * which differs for two fields only, as the Node.js system's clients read them ({@code type} for
 * the status, {@code quote} for the chosen quote), followed by its {@link #aliases() aliases}:
 * further names those clients read, each with its value.
 */
public enum EventField {
    /** The step; the order's status once the event is recorded. */
    STATUS("status", "type", OrderEvent::status),
    /** The order. */
    ORDER_ID("orderId", OrderEvent::orderId),
    /** Position in the order's history, from 1. */
    SEQ("seq", OrderEvent::seq),
    /** 0 to 100. */
    PROGRESS("progress", OrderEvent::progress),
    /** A human-readable line. */
    MESSAGE("message", OrderEvent::message),
    /** When it was recorded. */
    TIMESTAMP("timestamp", OrderEvent::timestamp),
    /** Every DEX's quote (routing); the Node.js system's clients read how many as {@code quotesFetched}. */
    QUOTES("quotes", detail(EventDetails::quotes), new Alias("quotesFetched", quotes -> ((List<?>) quotes).size())),
    /** The DEX routing chose; {@code dex} to the Node.js system's clients. */
    CHOSEN_DEX("chosenDex", detail(EventDetails::chosenDex), Alias.same("dex")),
    /** That DEX's quote (building); {@code quote} in the JSON faces. */
    CHOSEN_QUOTE("chosenQuote", "quote", detail(EventDetails::chosenQuote)),
    /** The slippage bound (building). */
    MIN_AMOUNT_OUT("minAmountOut", detail(EventDetails::minAmountOut)),
    /** The submission attempt, from 1. */
    ATTEMPT("attempt", detail(EventDetails::attempt)),
    /** Attempts allowed. */
    MAX_ATTEMPTS("maxAttempts", detail(EventDetails::maxAttempts)),
    /** The transaction's base58 signature; {@code txHash} to the Node.js system's clients. */
    TX_SIGNATURE("txSignature", detail(EventDetails::txSignature), Alias.same("txHash")),
    /** Amount received (confirmed). */
    AMOUNT_OUT("amountOut", detail(EventDetails::amountOut)),
    /** Price the swap executed at. */
    EXECUTION_PRICE("executionPrice", detail(EventDetails::executionPrice)),
    /** Why the order failed or was cancelled; {@code error} to the Node.js system's clients. */
    FAILURE_REASON("failureReason", detail(EventDetails::failureReason), Alias.same("error")),
    /** Why the order failed, as a {@link FailureCode} (failed). */
    FAILURE_CODE("failureCode", detail(EventDetails::failureCode));

    private final String fieldName;
    private final String jsonName;
    private final Function<OrderEvent, Object> read;
    private final List<Alias> aliases;

    EventField(String fieldName, Function<OrderEvent, Object> read, Alias... aliases) {
        this(fieldName, fieldName, read, aliases);
    }

    EventField(String fieldName, String jsonName, Function<OrderEvent, Object> read, Alias... aliases) {
        this.fieldName = fieldName;
        this.jsonName = jsonName;
        this.read = read;
        this.aliases = List.of(aliases);
    }

    /**
     * The field's own name: its component's, the bus's and the stored details', protobuf's JSON name.
     *
     * @return e.g. {@code txSignature}
     */
    public String fieldName() {
        return fieldName;
    }

    /**
     * The name the REST and WebSocket JSON write the field under, before its aliases.
     *
     * @return e.g. {@code txSignature}; {@code type} for the status, {@code quote} for the chosen quote
     */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The further names the REST and WebSocket JSON write the field under, in order.
     *
     * @return e.g. {@code txHash} for the signature; empty for most fields
     */
    public List<Alias> aliases() {
        return aliases;
    }

    /**
     * What the REST and WebSocket JSON write for this field: its value under its JSON name, then
     * each alias with its value.
     *
     * @param value the field's value
     * @return names and values, in order
     */
    public List<EventView.Named> json(Object value) {
        List<EventView.Named> json = new ArrayList<>(1 + aliases.size());
        json.add(new EventView.Named(jsonName, value));
        aliases.forEach(alias -> json.add(new EventView.Named(alias.name(), alias.value().apply(value))));
        return json;
    }

    /**
     * The field's value in an event.
     *
     * @param event the event
     * @return the value, null when the event does not carry this field
     */
    Object read(OrderEvent event) {
        return read.apply(event);
    }

    private static Function<OrderEvent, Object> detail(Function<EventDetails, Object> accessor) {
        return event -> accessor.apply(event.details());
    }

    /**
     * Another name a field is written under, for the Node.js system's clients.
     *
     * @param name  the alias
     * @param value its value, from the field's
     */
    public record Alias(String name, UnaryOperator<Object> value) {
        /** An alias with the field's own value. */
        static Alias same(String name) {
            return new Alias(name, UnaryOperator.identity());
        }
    }
}
