package io.orderstream.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.orderstream.proto.v1.FailureCode;
import io.orderstream.proto.v1.Order;

import com.google.protobuf.Timestamp;

/** An order as lines for people. */
final class OrderText {
    private OrderText() {
    }

    static List<String> details(Order order) {
        List<String> lines = new ArrayList<>();
        lines.add("order     " + order.getOrderId());
        lines.add("status    " + EventText.step(order.getStatus()) + " (" + order.getProgress() + "%, seq "
                          + order.getLastSeq() + ")");
        lines.add("swap      " + order.getAmount() + " " + order.getTokenIn() + " -> " + order.getTokenOut()
                          + ", slippage " + order.getSlippage() + "%");
        if (!order.getChosenDex().isEmpty()) {
            lines.add("dex       " + order.getChosenDex());
        }
        if (!order.getAmountOut().isEmpty()) {
            lines.add("received  " + order.getAmountOut() + " " + order.getTokenOut());
        }
        if (!order.getTxSignature().isEmpty()) {
            lines.add("tx        " + order.getTxSignature());
        }
        if (!order.getFailureReason().isEmpty()) {
            lines.add("reason    " + order.getFailureReason());
        }
        if (order.getFailureCode() != FailureCode.FAILURE_CODE_UNSPECIFIED) {
            lines.add("code      " + order.getFailureCode().name().substring("FAILURE_CODE_".length())
                    .toLowerCase(Locale.ROOT));
        }
        if (!order.getClientOrderId().isEmpty()) {
            lines.add("client id " + order.getClientOrderId());
        }
        lines.add("created   " + time(order.getCreatedAt()));
        lines.add("updated   " + time(order.getUpdatedAt()));
        return lines;
    }

    static String time(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
    }
}
