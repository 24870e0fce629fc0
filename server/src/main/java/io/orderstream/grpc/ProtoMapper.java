package io.orderstream.grpc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import io.orderstream.gateway.InvalidRequestException;

import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.Quote;

import com.google.protobuf.Timestamp;

/**
 * Domain objects as the messages of {@code orderstream.v1}.
 */
final class ProtoMapper {
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
        order.request().clientOrderId().ifPresent(proto::setClientOrderId);
        return proto.build();
    }

    static io.orderstream.proto.v1.OrderEvent event(OrderEvent event) {
        EventDetails details = event.details();
        io.orderstream.proto.v1.OrderEvent.Builder proto = io.orderstream.proto.v1.OrderEvent.newBuilder()
                .setOrderId(event.orderId())
                .setSeq(event.seq())
                .setStatus(status(event.status()))
                .setProgress(event.progress())
                .setMessage(event.message())
                .setTimestamp(timestamp(event.timestamp()));
        if (details.quotes() != null) {
            details.quotes().forEach(quote -> proto.addQuotes(quote(quote)));
        }
        if (details.chosenDex() != null) {
            proto.setChosenDex(details.chosenDex());
        }
        if (details.chosenQuote() != null) {
            proto.setChosenQuote(quote(details.chosenQuote()));
        }
        proto.setMinAmountOut(plain(details.minAmountOut()));
        if (details.attempt() != null) {
            proto.setAttempt(details.attempt()).setMaxAttempts(details.maxAttempts());
        }
        if (details.txSignature() != null) {
            proto.setTxSignature(details.txSignature());
        }
        proto.setAmountOut(plain(details.amountOut()));
        proto.setExecutionPrice(plain(details.executionPrice()));
        if (details.failureReason() != null) {
            proto.setFailureReason(details.failureReason());
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

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
