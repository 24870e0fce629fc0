package io.orderstream.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code submit --token-in SOL --token-out USDC --amount 10 [--slippage 0.5] [--client-order-id K]
 * [--watch]}: prints the new order's id (and, with {@code --watch}, watches it to the end).
 */
@Command(name = "submit", description = {"submit a market order and print its id",
        "(--watch: then watch it like 'watch')"})
final class SubmitCommand extends GatewayCommand {
    @Option(names = "--token-in", required = true, paramLabel = "SYMBOL", description = "token to sell, e.g. SOL")
    private String tokenIn;
    @Option(names = "--token-out", required = true, paramLabel = "SYMBOL", description = "token to buy, e.g. USDC")
    private String tokenOut;
    @Option(names = "--amount", required = true, paramLabel = "DECIMAL", description = "amount of --token-in, e.g. 10")
    private String amount;
    @Option(names = "--slippage", paramLabel = "PERCENT", description = "largest accepted price impact (default 0.5)")
    private String slippage;
    @Option(names = "--client-order-id", paramLabel = "KEY",
            description = "idempotency key: the same key and order return the same order")
    private String clientOrderId;
    @Option(names = "--watch", description = "then follow the order until it ends")
    private boolean watch;

    @Override
    int run(Connection connection, Output output, PrintStream err) {
        SubmitOrderRequest.Builder request = SubmitOrderRequest.newBuilder()
                .setTokenIn(tokenIn.toUpperCase(Locale.ROOT))
                .setTokenOut(tokenOut.toUpperCase(Locale.ROOT))
                .setAmount(amount);
        if (slippage != null) {
            request.setSlippage(slippage);
        }
        if (clientOrderId != null) {
            request.setClientOrderId(clientOrderId);
        }

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
        if (!watch) {
            return ExitCode.OK;
        }
        return WatchCommand.watch(connection, output, err, response.getOrderId(), 0);
    }
}
