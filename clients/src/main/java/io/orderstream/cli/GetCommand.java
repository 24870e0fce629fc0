package io.orderstream.cli;

import java.io.PrintStream;
import java.util.Set;

import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.Order;

/** {@code get ID}: one order's current state. */
final class GetCommand implements Command {
    @Override
    public int run(Args args, Connection connection, Output output, PrintStream err) {
        args.allowOnly(Set.of("target", "token", "json"));
        Order order = connection.unary().getOrder(GetOrderRequest.newBuilder()
                                                          .setOrderId(args.operand("an order id"))
                                                          .build());
        if (output.json()) {
            output.message(order);
        } else {
            OrderText.details(order).forEach(output::text);
        }
        return ExitCode.OK;
    }
}
