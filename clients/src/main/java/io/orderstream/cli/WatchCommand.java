package io.orderstream.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.WatchOrderRequest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code watch ID [--after-seq N]}: streams an order's events until its terminal one. Exits
 * {@link ExitCode#OK} when confirmed, {@link ExitCode#ORDER_FAILED} when failed and
 * {@link ExitCode#ORDER_CANCELLED} when cancelled.
 * <p>
 * A stream that breaks after it was established (the server went away, or cut this watcher
 * off as too slow) is resumed from the last seq seen, with exponential backoff; events already
 * shown are never shown twice.
 */
@Command(name = "watch", description = "follow an order live until it ends")
final class WatchCommand extends GatewayCommand {
    private static final int MAX_RESUMES_WITHOUT_PROGRESS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Set<Status.Code> RESUMABLE = Set.of(Status.Code.UNAVAILABLE,
                                                               Status.Code.RESOURCE_EXHAUSTED,
                                                               Status.Code.INTERNAL,
                                                               Status.Code.UNKNOWN);

    @Parameters(paramLabel = "ID", description = "the order id")
    private String orderId;
    @Option(names = "--after-seq", paramLabel = "N", description = "show only the events after this seq")
    private long afterSeq;

    @Override
    void check() {
        if (afterSeq < 0) {
            throw new ParameterException(spec().commandLine(), "--after-seq must not be negative");
        }
    }

    @Override
    int run(Connection connection, Output output, PrintStream err) {
        return watch(connection, output, err, orderId, afterSeq);
    }

    static int watch(Connection connection, Output output, PrintStream err, String orderId, long afterSeq) {
        ProgressView view = ProgressView.of(output);
        long lastSeq = afterSeq;
        boolean established = false;
        int resumes = 0;
        while (true) {
            try {
                Iterator<OrderEvent> events = connection.streaming().watchOrder(WatchOrderRequest.newBuilder()
                        .setOrderId(orderId)
                        .setAfterSeq(lastSeq)
                        .build());
                // The server ends the stream after the order's terminal event; one it goes on after
                // ended an execution before a replay, and the last event decides.
                int ended = -1;
                while (events.hasNext()) {
                    OrderEvent event = events.next();
                    established = true;
                    if (event.getSeq() <= lastSeq) {
                        continue;
                    }
                    lastSeq = event.getSeq();
                    resumes = 0;
                    if (output.json()) {
                        output.message(event);
                    } else {
                        view.show(event);
                    }
                    ended = exitCode(event.getStatus());
                }
                if (ended >= 0) {
                    return ended;
                }
                // A stream that ends with nothing new: the order had ended before the seq asked for.
                OrderStatus status = connection.unary()
                        .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build())
                        .getStatus();
                int exit = exitCode(status);
                if (exit >= 0) {
                    return exit;
                }
                view.interrupt();
                output.error("the server ended the stream of order " + orderId + " before its terminal event");
                return ExitCode.ERROR;
            } catch (StatusRuntimeException e) {
                if (!established || !RESUMABLE.contains(e.getStatus().getCode())
                        || ++resumes > MAX_RESUMES_WITHOUT_PROGRESS) {
                    view.interrupt();
                    output.rpcError(e, connection.target());
                    return ExitCode.ERROR;
                }
                Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (resumes - 1));
                view.interrupt();
                err.println("stream interrupted (" + e.getStatus().getCode() + "); resuming after seq " + lastSeq
                                    + " in " + backoff.toMillis() + " ms");
                if (!sleep(backoff)) {
                    return ExitCode.ERROR;
                }
            }
        }
    }

    /** The exit code of a terminal status, or -1 for a status that is not. */
    private static int exitCode(OrderStatus status) {
        return switch (status) {
        case ORDER_STATUS_CONFIRMED -> ExitCode.OK;
        case ORDER_STATUS_FAILED -> ExitCode.ORDER_FAILED;
        case ORDER_STATUS_CANCELLED -> ExitCode.ORDER_CANCELLED;
        default -> -1;
        };
    }

    private static boolean sleep(Duration backoff) {
        try {
            Thread.sleep(backoff);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
