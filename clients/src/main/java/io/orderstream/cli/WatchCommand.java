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

/**
 * {@code watch ID [--after-seq N]}: streams an order's events until its terminal one. Exits
 * {@link ExitCode#OK} when confirmed, {@link ExitCode#ORDER_FAILED} when failed and
 * {@link ExitCode#ORDER_CANCELLED} when cancelled.
 * <p>
 * A stream that breaks after it was established (the server went away, or cut this watcher
 * off as too slow) is resumed from the last seq seen, with exponential backoff; events already
 * shown are never shown twice.
 */
final class WatchCommand implements Command {
    private static final int MAX_RESUMES_WITHOUT_PROGRESS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Set<Status.Code> RESUMABLE = Set.of(Status.Code.UNAVAILABLE,
                                                               Status.Code.RESOURCE_EXHAUSTED,
                                                               Status.Code.INTERNAL,
                                                               Status.Code.UNKNOWN);

    @Override
    public int run(Args args, Connection connection, Output output, PrintStream err) {
        args.allowOnly(Set.of("target", "token", "json", "after-seq"));
        String orderId = args.operand("an order id");
        long afterSeq = args.number("after-seq", 0);
        if (afterSeq < 0) {
            throw new UsageException("--after-seq must not be negative");
        }
        return watch(connection, output, err, orderId, afterSeq);
    }

    static int watch(Connection connection, Output output, PrintStream err, String orderId, long afterSeq) {
        ProgressView view = new ProgressView(output);
        long lastSeq = afterSeq;
        boolean established = false;
        int resumes = 0;
        while (true) {
            try {
                Iterator<OrderEvent> events = connection.streaming().watchOrder(WatchOrderRequest.newBuilder()
                        .setOrderId(orderId)
                        .setAfterSeq(lastSeq)
                        .build());
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
                    int exit = exitCode(event.getStatus());
                    if (exit >= 0) {
                        return exit;
                    }
                }
                // A stream that ends with nothing new: the order had ended before the seq asked for.
                OrderStatus status = connection.unary()
                        .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build())
                        .getStatus();
                int exit = exitCode(status);
                if (exit >= 0) {
                    return exit;
                }
                output.error("the server ended the stream of order " + orderId + " before its terminal event");
                return ExitCode.ERROR;
            } catch (StatusRuntimeException e) {
                if (!established || !RESUMABLE.contains(e.getStatus().getCode())
                        || ++resumes > MAX_RESUMES_WITHOUT_PROGRESS) {
                    output.rpcError(e, connection.target());
                    return ExitCode.ERROR;
                }
                Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (resumes - 1));
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
