package io.orderstream.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;

/**
 * {@code submit --token-in SOL --token-out USDC --amount 10 [--slippage 0.5] [--client-order-id K]
 * [--watch]}: prints the new order's id (and, with {@code --watch}, watches it to the end).
 */
final class SubmitCommand implements Command {
    @Override
    public int run(Args args, Connection connection, Output output, PrintStream err) {
        args.allowOnly(Set.of("target", "token", "json", "token-in", "token-out", "amount", "slippage",
                              "client-order-id", "watch"));
        args.noOperands();
        SubmitOrderRequest.Builder request = SubmitOrderRequest.newBuilder()
                .setTokenIn(args.required("token-in").toUpperCase(Locale.ROOT))
                .setTokenOut(args.required("token-out").toUpperCase(Locale.ROOT))
                .setAmount(args.required("amount"));
        args.option("slippage").ifPresent(request::setSlippage);
        args.option("client-order-id").ifPresent(request::setClientOrderId);

        SubmitOrderResponse response = connection.unary().submitOrder(request.build());
        if (output.json()) {
            output.message(response);
        } else {
            // The id alone on its line: ID=$(orderstream submit ...) just works.
            output.text(response.getOrderId());
            if (!response.getCreated()) {
                err.println("note: an order with this client order id already existed; it was not submitted again");
            }
        }
        if (!args.flag("watch")) {
            return ExitCode.OK;
        }
        return WatchCommand.watch(connection, output, err, response.getOrderId(), 0);
    }
}
