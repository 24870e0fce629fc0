package io.orderstream.grpc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderstream.error.InvalidRequestException;

import io.orderstream.order.EventField;
import io.orderstream.order.EventView;
import io.orderstream.order.FailureCode;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.Quote;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;

/**
 * Domain objects as the messages of {@code orderstream.v1}.
 */
final class ProtoMapper {
    private static final Map<EventField, FieldDescriptor> EVENT_FIELDS = eventFields();

    private ProtoMapper() {
    }

    static io.orderstream.proto.v1.Order order(Order order) {
        io.orderstream.proto.v1.Order.Builder proto = io.orderstream.proto.v1.Order.newBuilder()
                .setOrderId(order.id())
                .setTokenIn(order.request().tokenIn())
                .setTokenOut(order.request().tokenOut())
                .setAmount(order.request().amount().toPlainString())
                .setSlippage(order.request().slippagePercent().toPlainString())
                .setStatus(status(order.status()))
                .setProgress(order.progress())
                .setCreatedAt(timestamp(order.createdAt()))
                .setUpdatedAt(timestamp(order.updatedAt()))
                .setLastSeq(order.lastSeq());
        order.chosenDex().ifPresent(proto::setChosenDex);
        order.amountOut().ifPresent(out -> proto.setAmountOut(out.toPlainString()));
        order.txSignature().ifPresent(proto::setTxSignature);
        order.failureReason().ifPresent(proto::setFailureReason);
        order.failureCode().ifPresent(code -> proto.setFailureCode(failureCode(code)));
        order.request().clientOrderId().ifPresent(proto::setClientOrderId);
        return proto.build();
    }

    /**
     * An event as its protobuf message: each field of its {@link EventView} set on the message's
     * field of the same JSON name.
     */
    static io.orderstream.proto.v1.OrderEvent event(OrderEvent event) {
        io.orderstream.proto.v1.OrderEvent.Builder proto = io.orderstream.proto.v1.OrderEvent.newBuilder();
        for (EventView.Field field : EventView.of(event).fields()) {
            proto.setField(EVENT_FIELDS.get(field.key()), value(field.value()));
        }
        return proto.build();
    }

    static io.orderstream.proto.v1.OrderStatus status(OrderStatus status) {
        return switch (status) {
        case PENDING -> io.orderstream.proto.v1.OrderStatus.ORDER_STATUS_PENDING;
        case ROUTING -> io.orderstream.proto.v1.OrderStatus.ORDER_STATUS_ROUTING;
        case BUILDING -> io.orderstream.proto.v1.OrderStatus.ORDER_STATUS_BUILDING;
        case SUBMITTED -> io.orderstream.proto.v1.OrderStatus.ORDER_STATUS_SUBMITTED;
        case CONFIRMED -> io.orderstream.proto.v1.OrderStatus.ORDER_STATUS_CONFIRMED;
        case FAILED -> io.orderstream.proto.v1.OrderStatus.ORDER_STATUS_FAILED;
        case CANCELLED -> io.orderstream.proto.v1.OrderStatus.ORDER_STATUS_CANCELLED;
        };
    }

    /**
     * A status filter from the wire; UNSPECIFIED means none.
     */
    static Optional<OrderStatus> filter(io.orderstream.proto.v1.OrderStatus status) {
        return switch (status) {
        case ORDER_STATUS_UNSPECIFIED -> Optional.empty();
        case ORDER_STATUS_PENDING -> Optional.of(OrderStatus.PENDING);
        case ORDER_STATUS_ROUTING -> Optional.of(OrderStatus.ROUTING);
        case ORDER_STATUS_BUILDING -> Optional.of(OrderStatus.BUILDING);
        case ORDER_STATUS_SUBMITTED -> Optional.of(OrderStatus.SUBMITTED);
        case ORDER_STATUS_CONFIRMED -> Optional.of(OrderStatus.CONFIRMED);
        case ORDER_STATUS_FAILED -> Optional.of(OrderStatus.FAILED);
        case ORDER_STATUS_CANCELLED -> Optional.of(OrderStatus.CANCELLED);
        case UNRECOGNIZED -> throw new InvalidRequestException("status", "is not a known order status");
        };
    }

    static io.orderstream.proto.v1.FailureCode failureCode(FailureCode code) {
        return switch (code) {
        case SLIPPAGE -> io.orderstream.proto.v1.FailureCode.FAILURE_CODE_SLIPPAGE;
        case DEX_ERROR -> io.orderstream.proto.v1.FailureCode.FAILURE_CODE_DEX_ERROR;
        case TIMEOUT -> io.orderstream.proto.v1.FailureCode.FAILURE_CODE_TIMEOUT;
        case MAX_DELIVERIES -> io.orderstream.proto.v1.FailureCode.FAILURE_CODE_MAX_DELIVERIES;
        };
    }

    /**
     * A failure code filter from the wire; UNSPECIFIED means none.
     */
    static Optional<FailureCode> filter(io.orderstream.proto.v1.FailureCode code) {
        return switch (code) {
        case FAILURE_CODE_UNSPECIFIED -> Optional.empty();
        case FAILURE_CODE_SLIPPAGE -> Optional.of(FailureCode.SLIPPAGE);
        case FAILURE_CODE_DEX_ERROR -> Optional.of(FailureCode.DEX_ERROR);
        case FAILURE_CODE_TIMEOUT -> Optional.of(FailureCode.TIMEOUT);
        case FAILURE_CODE_MAX_DELIVERIES -> Optional.of(FailureCode.MAX_DELIVERIES);
        case UNRECOGNIZED -> throw new InvalidRequestException("failureCode", "is not a known failure code");
        };
    }

    private static io.orderstream.proto.v1.Quote quote(Quote quote) {
        return io.orderstream.proto.v1.Quote.newBuilder()
                .setDex(quote.dex())
                .setAmountOut(quote.amountOut().toPlainString())
                .setPrice(quote.price().toPlainString())
                .setFeeBps(quote.feeBps())
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** A value of an {@link EventView} as its protobuf field holds it: amounts as plain decimal strings. */
    private static Object value(Object value) {
        return switch (value) {
        case BigDecimal decimal -> decimal.toPlainString();
        case OrderStatus status -> status(status).getValueDescriptor();
        case FailureCode code -> failureCode(code).getValueDescriptor();
        case Instant instant -> timestamp(instant);
        case Quote quote -> quote(quote);
        case List<?> items -> items.stream().map(ProtoMapper::value).toList();
        // Text and whole numbers, as the message holds them
        default -> value;
        };
    }

    /** Each event field's protobuf field, by the JSON name they share; one missing fails as this class loads. */
    private static Map<EventField, FieldDescriptor> eventFields() {
        Map<EventField, FieldDescriptor> fields = new EnumMap<>(EventField.class);
        for (EventField field : EventField.values()) {
            FieldDescriptor descriptor = io.orderstream.proto.v1.OrderEvent.getDescriptor().getFields().stream()
                    .filter(candidate -> candidate.getJsonName().equals(field.fieldName()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("orderstream.v1.OrderEvent has no field "
                                                                         + field.fieldName()));
            fields.put(field, descriptor);
        }
        return fields;
    }
}
