package io.orderstream.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

import io.orderstream.proto.v1.ListOrdersRequest;
import io.orderstream.proto.v1.ListOrdersResponse;
import io.orderstream.proto.v1.Order;
import io.orderstream.proto.v1.OrderStatus;

/** {@code list [--status S] [--page-size N] [--page-token T]}: one page of orders, newest first. */
final class ListCommand implements Command {
    @Override
    public int run(Args args, Connection connection, Output output, PrintStream err) {
        args.allowOnly(Set.of("target", "token", "json", "status", "page-size", "page-token"));
        args.noOperands();
        ListOrdersRequest.Builder request = ListOrdersRequest.newBuilder()
                .setPageSize(Math.clamp(args.number("page-size", 0), Integer.MIN_VALUE, Integer.MAX_VALUE));
        args.option("status").ifPresent(status -> request.setStatus(status(status)));
        args.option("page-token").ifPresent(request::setPageToken);

        ListOrdersResponse page = connection.unary().listOrders(request.build());
        if (output.json()) {
            output.message(page);
            return ExitCode.OK;
        }
        if (page.getOrdersCount() == 0) {
            output.text("No orders.");
        } else {
            output.text(String.format(Locale.ROOT, "%-36s  %-9s  %-13s  %-14s  %s",
                                      "ORDER", "STATUS", "PAIR", "AMOUNT", "CREATED"));
            for (Order order : page.getOrdersList()) {
                output.text(String.format(Locale.ROOT, "%-36s  %-9s  %-13s  %-14s  %s",
                                          order.getOrderId(), ProgressView.step(order.getStatus()),
                                          order.getTokenIn() + "->" + order.getTokenOut(), order.getAmount(),
                                          OrderText.time(order.getCreatedAt())));
            }
        }
        if (!page.getNextPageToken().isEmpty()) {
            output.text("More: --page-token " + page.getNextPageToken());
        }
        return ExitCode.OK;
    }

    private static OrderStatus status(String name) {
        String wanted = "ORDER_STATUS_" + name.trim().toUpperCase(Locale.ROOT);
        for (OrderStatus status : OrderStatus.values()) {
            if (status != OrderStatus.UNRECOGNIZED && status != OrderStatus.ORDER_STATUS_UNSPECIFIED
                    && status.name().equals(wanted)) {
                return status;
            }
        }
        throw new UsageException("--status must be one of pending, routing, building, submitted, confirmed, "
                                         + "failed, cancelled; got '" + name + "'");
    }
}
