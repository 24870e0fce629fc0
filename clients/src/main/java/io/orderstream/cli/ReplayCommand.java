package io.orderstream.cli;

import java.io.PrintStream;

import io.orderstream.proto.v1.Order;
import io.orderstream.proto.v1.ReplayOrderRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay ID [--watch]}: executes a failed order again (an administrator's call, scope
 * {@code orders:admin}); with {@code --watch}, then follows the new execution from its first
 * event, as {@code watch} does.
 */
@Command(name = "replay", description = {"execute a failed order again (needs the scope orders:admin)",
        "(--watch: then follow the new execution like 'watch')"})
final class ReplayCommand extends GatewayCommand {
    @Parameters(paramLabel = "ID", description = "the order id")
    private String orderId;
    @Option(names = "--watch", description = "then follow the order until it ends")
    private boolean watch;

    @Override
    int run(Connection connection, Output output, PrintStream err) {
        Order order = connection.unary().replayOrder(ReplayOrderRequest.newBuilder().setOrderId(orderId).build());
        if (output.json()) {
            output.message(order);
        } else {
            output.text("Replayed order " + order.getOrderId() + ": pending again, its new execution starts at seq "
                                + order.getLastSeq());
        }
        if (!watch) {
            return ExitCode.OK;
        }
        // From the replay's own pending event on: the earlier executions are history.
        return WatchCommand.watch(connection, output, err, order.getOrderId(), order.getLastSeq() - 1);
    }
}
