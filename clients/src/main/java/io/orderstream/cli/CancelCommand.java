package io.orderstream.cli;

import java.io.PrintStream;
import java.util.Set;

import io.orderstream.proto.v1.CancelOrderRequest;
import io.orderstream.proto.v1.Order;

/** {@code cancel ID}: cancels an order that has not been submitted to a DEX yet. */
final class CancelCommand implements Command {
    @Override
    public int run(Args args, Connection connection, Output output, PrintStream err) {
        args.allowOnly(Set.of("target", "token", "json"));
        Order order = connection.unary().cancelOrder(CancelOrderRequest.newBuilder()
                                                             .setOrderId(args.operand("an order id"))
                                                             .build());
        if (output.json()) {
            output.message(order);
        } else {
            output.text("Cancelled order " + order.getOrderId());
        }
        return ExitCode.OK;
    }
}
