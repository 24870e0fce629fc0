package io.orderstream.cli;

import java.io.PrintStream;

import io.orderstream.proto.v1.CancelOrderRequest;
import io.orderstream.proto.v1.Order;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cancel ID}: cancels an order that has not been submitted to a DEX yet. */
@Command(name = "cancel", description = "cancel an order not yet submitted to a DEX")
final class CancelCommand extends GatewayCommand {
    @Parameters(paramLabel = "ID", description = "the order id")
    private String orderId;

    @Override
    int run(Connection connection, Output output, PrintStream err) {
        Order order = connection.unary().cancelOrder(CancelOrderRequest.newBuilder().setOrderId(orderId).build());
        if (output.json()) {
            output.message(order);
        } else {
            output.text("Cancelled order " + order.getOrderId());
        }
        return ExitCode.OK;
    }
}
