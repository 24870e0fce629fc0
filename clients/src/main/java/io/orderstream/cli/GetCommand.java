package io.orderstream.cli;

import java.io.PrintStream;

import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.Order;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code get ID}: one order's current state. */
@Command(name = "get", description = "show one order")
final class GetCommand extends GatewayCommand {
    @Parameters(paramLabel = "ID", description = "the order id")
    private String orderId;

    @Override
    int run(Connection connection, Output output, PrintStream err) {
        Order order = connection.unary().getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build());
        if (output.json()) {
            output.message(order);
        } else {
            OrderText.details(order).forEach(output::text);
        }
        return ExitCode.OK;
    }
}
