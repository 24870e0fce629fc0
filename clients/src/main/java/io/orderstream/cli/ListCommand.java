package io.orderstream.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.orderstream.proto.v1.FailureCode;
import io.orderstream.proto.v1.ListOrdersRequest;
import io.orderstream.proto.v1.ListOrdersResponse;
import io.orderstream.proto.v1.Order;
import io.orderstream.proto.v1.OrderStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code list [--status S] [--failure-code C] [--page-size N] [--page-token T]}: one page of
 * orders, newest first; {@code --status failed --failure-code timeout} lists the failed orders an
 * administrator may replay, by cause.
 */
@Command(name = "list", description = "list orders, newest first")
final class ListCommand extends GatewayCommand {
    private static final String STATUSES = "pending, routing, building, submitted, confirmed, failed, cancelled";
    private static final String FAILURE_CODES = "slippage, dex_error, timeout, max_deliveries";

    @Option(names = "--status", paramLabel = "S", description = "only orders in this status: " + STATUSES)
    private String status;
    @Option(names = "--failure-code", paramLabel = "C",
            description = "only failed orders that failed for this reason: " + FAILURE_CODES)
    private String failureCode;
    @Option(names = "--page-size", paramLabel = "N", description = "at most this many orders (1 to 100; default 20)")
    private int pageSize;
    @Option(names = "--page-token", paramLabel = "T", description = "the page after the one that printed this token")
    private String pageToken;

    @Override
    int run(Connection connection, Output output, PrintStream err) {
        ListOrdersRequest.Builder request = ListOrdersRequest.newBuilder().setPageSize(pageSize);
        if (status != null) {
            request.setStatus(status(status));
        }
        if (failureCode != null) {
            request.setFailureCode(failureCode(failureCode));
        }
        if (pageToken != null) {
            request.setPageToken(pageToken);
        }

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
                                          order.getOrderId(), EventText.step(order.getStatus()),
                                          order.getTokenIn() + "->" + order.getTokenOut(), order.getAmount(),
                                          OrderText.time(order.getCreatedAt())));
            }
        }
        if (!page.getNextPageToken().isEmpty()) {
            output.text("More: --page-token " + page.getNextPageToken());
        }
        return ExitCode.OK;
    }

    private OrderStatus status(String name) {
        String wanted = "ORDER_STATUS_" + name.trim().toUpperCase(Locale.ROOT);
        for (OrderStatus candidate : OrderStatus.values()) {
            if (candidate != OrderStatus.UNRECOGNIZED && candidate != OrderStatus.ORDER_STATUS_UNSPECIFIED
                    && candidate.name().equals(wanted)) {
                return candidate;
            }
        }
        throw new ParameterException(spec().commandLine(),
                                     "--status must be one of " + STATUSES + "; got '" + name + "'");
    }

    private FailureCode failureCode(String name) {
        String wanted = "FAILURE_CODE_" + name.trim().toUpperCase(Locale.ROOT);
        for (FailureCode candidate : FailureCode.values()) {
            if (candidate != FailureCode.UNRECOGNIZED && candidate != FailureCode.FAILURE_CODE_UNSPECIFIED
                    && candidate.name().equals(wanted)) {
                return candidate;
            }
        }
        throw new ParameterException(spec().commandLine(), "--failure-code must be one of " + FAILURE_CODES + "; got '"
                + name + "'");
    }
}
