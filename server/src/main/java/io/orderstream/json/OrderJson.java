package io.orderstream.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.orderstream.order.EventField;
import io.orderstream.order.EventView;
import io.orderstream.order.FailureCode;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.Quote;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Orders and events as the JSON of the REST and WebSocket contract (camelCase, the field names
 * of the Node.js system's clients). Amounts out are decimal strings; amounts in are numbers as
 * clients send them; timestamps are ISO-8601 UTC with milliseconds.
 */
public final class OrderJson {
    /**
     * The mapper every JSON face uses: big decimals stay exact, written plain. Reading is strict:
     * a duplicate key or anything after the first document is an error, since which of two values
     * counts would otherwise be a guess the client cannot see.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // Jackson keeps its buffers per thread by default: with a virtual thread per
                    // connection that is ~12 KB held by every idle socket. A shared pool holds a few.
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private OrderJson() {
    }

    /**
     * An order as {@code GET /api/orders/{id}} answers it.
     *
     * @param order the order
     * @return JSON object
     */
    public static ObjectNode order(Order order) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("orderId", order.id());
        json.put("tokenIn", order.request().tokenIn());
        json.put("tokenOut", order.request().tokenOut());
        json.put("amount", order.request().amount());
        json.put("slippage", order.request().slippagePercent());
        json.put("status", order.status().wireName());
        json.put("progress", order.progress());
        json.put("lastSeq", order.lastSeq());
        order.chosenDex().ifPresent(dex -> json.put("chosenDex", dex));
        order.amountOut().ifPresent(out -> json.put("amountOut", out.toPlainString()));
        // The signature under the alias its events use too; the DEX and the failure reason under
        // their own names only, as orders have always had them.
        order.txSignature().ifPresent(signature -> EventField.TX_SIGNATURE.json(signature)
                .forEach(field -> json.set(field.name(), node(field.value()))));
        order.failureReason().ifPresent(reason -> json.put("failureReason", reason));
        order.failureCode().ifPresent(code -> json.put("failureCode", code.tag()));
        order.request().clientOrderId().ifPresent(key -> json.put("clientOrderId", key));
        json.put("createdAt", timestamp(order.createdAt()));
        json.put("updatedAt", timestamp(order.updatedAt()));
        return json;
    }

    /**
     * An event as WebSocket clients receive it: {@code {type, orderId, seq, progress, message,
     * timestamp, ...details}} with {@code type} the lowercase step, each field and alias as
     * {@link EventView#json()} names it.
     *
     * @param event the event
     * @return JSON object
     */
    public static ObjectNode event(OrderEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        EventView.of(event).json().forEach(field -> json.set(field.name(), node(field.value())));
        return json;
    }

    /**
     * JSON as text, written through {@link #MAPPER}. Use this, not {@code JsonNode.toString()}:
     * that goes through Jackson's internal mapper, whose buffers stay with every thread that used
     * it, each connection's thread included.
     *
     * @param json the JSON
     * @return compact JSON text
     */
    public static String text(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; anything else is a bug here.
            throw new IllegalStateException("Could not write JSON", e);
        }
    }

    /**
     * An ISO-8601 UTC timestamp with milliseconds, as JavaScript's {@code toISOString()} writes.
     *
     * @param instant the time
     * @return e.g. {@code 2025-11-21T10:30:00.000Z}
     */
    public static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    private static ObjectNode quote(Quote quote) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("dex", quote.dex());
        json.put("price", quote.price().toPlainString());
        json.put("feeBps", quote.feeBps());
        json.put("amountOut", quote.amountOut().toPlainString());
        return json;
    }

    /** A value of an {@link EventView} as JSON: amounts as plain decimal strings, times as ISO-8601. */
    private static JsonNode node(Object value) {
        JsonNodeFactory nodes = MAPPER.getNodeFactory();
        return switch (value) {
        case String text -> nodes.textNode(text);
        case Integer number -> nodes.numberNode(number.intValue());
        case Long number -> nodes.numberNode(number.longValue());
        case BigDecimal decimal -> nodes.textNode(decimal.toPlainString());
        case OrderStatus status -> nodes.textNode(status.wireName());
        case FailureCode code -> nodes.textNode(code.tag());
        case Instant instant -> nodes.textNode(timestamp(instant));
        case Quote quote -> quote(quote);
        case List<?> items -> {
            ArrayNode array = nodes.arrayNode(items.size());
            items.forEach(item -> array.add(node(item)));
            yield array;
        }
        default -> throw new IllegalArgumentException("No JSON form for " + value.getClass().getName());
        };
    }
}
