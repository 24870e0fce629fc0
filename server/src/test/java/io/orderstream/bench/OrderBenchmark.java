package io.orderstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderstream.distributed.Cluster;
import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.testing.TestGateway;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;

/**
 * Orders per second and submit→confirmed latency, embedded and distributed, by one program:
 * {@code ./bench.sh [orders] [in-flight]} (default 1000 orders, at most 50 in flight).
 * <p>
 * Every mock DEX delay is 0 and no submission fails, so the numbers measure orderstream itself.
 * A client submits over gRPC and at once watches the order with {@code WatchOrder}; an order's
 * latency runs from just before its submit call to the moment its watcher receives the
 * {@code confirmed} event. At most {@code in-flight} orders are between those two points.
 * <ul>
 *     <li>embedded: one gateway with its in-process worker (concurrency 10) and an H2 file,
 *     in this JVM;</li>
 *     <li>distributed: two gateway processes and two worker processes (concurrency 10 each) on
 *     the Redis and PostgreSQL of {@link Cluster}; each order is watched on the gateway it was
 *     not submitted to.</li>
 * </ul>
 * Each mode first runs a tenth of the orders as warm-up, unmeasured. The program stops by
 * itself; a mode that has not finished within five minutes is reported as such.
 */
public final class OrderBenchmark {
    private static final long MODE_LIMIT_SECONDS = 300;

    private OrderBenchmark() {
    }

    /** One mode's result. */
    private record Result(String mode, int orders, double seconds, double perSecond, double p50Millis,
                          double p99Millis, int unconfirmed) {
    }

    /**
     * Runs both modes and prints a table.
     *
     * @param args {@code [orders] [in-flight]}
     */
    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Result embedded = embedded(orders, inFlight);
        Result distributed = distributed(orders, inFlight);
        System.out.printf("%n%d orders, at most %d in flight, DEX delays 0, %d cores%n", orders, inFlight,
                          Runtime.getRuntime().availableProcessors());
        System.out.printf("%-40s %10s %10s %10s %10s %12s%n", "mode", "seconds", "orders/s", "p50 ms", "p99 ms",
                          "unconfirmed");
        for (Result result : List.of(embedded, distributed)) {
            System.out.printf("%-40s %10.2f %10.1f %10.1f %10.1f %12d%n", result.mode(), result.seconds(),
                              result.perSecond(), result.p50Millis(), result.p99Millis(), result.unconfirmed());
        }
        System.exit(0);
    }

    private static Result embedded(int orders, int inFlight) throws Exception {
        Path data = Files.createTempDirectory("orderstream-bench");
        try (TestGateway gateway = TestGateway.start(Map.of(
                "orderstream.db.url", "jdbc:h2:file:" + data.resolve("orderstream") + ";DATABASE_TO_LOWER=TRUE"))) {
            ManagedChannel channel = channel(gateway.port());
            try {
                return run("embedded (1 JVM, H2 file)", List.of(channel), orders, inFlight);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static Result distributed(int orders, int inFlight) throws Exception {
        try (Cluster cluster = Cluster.on(Cluster.SHARED_REDIS, "bench")) {
            List<Cluster.GatewayNode> gateways = cluster.gateways(2);
            cluster.workers(2);
            List<ManagedChannel> channels = gateways.stream().map(gateway -> channel(gateway.port())).toList();
            try {
                return run("distributed (2+2 processes, Redis, PG)", channels, orders, inFlight);
            } finally {
                for (ManagedChannel channel : channels) {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    private static Result run(String mode, List<ManagedChannel> channels, int orders, int inFlight)
            throws InterruptedException {
        System.out.println(mode + ": warm-up");
        measure(mode, channels, Math.max(1, orders / 10), inFlight);
        System.out.println(mode + ": measuring " + orders + " orders");
        return measure(mode, channels, orders, inFlight);
    }

    private static Result measure(String mode, List<ManagedChannel> channels, int orders, int inFlight)
            throws InterruptedException {
        long[] latencies = new long[orders];
        Arrays.fill(latencies, -1);
        Semaphore slots = new Semaphore(inFlight);
        CountDownLatch ended = new CountDownLatch(orders);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(MODE_LIMIT_SECONDS);
        for (int i = 0; i < orders; i++) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            int n = i;
            // Each order on its own virtual thread: a blocking submit must not pace the others.
            Thread.ofVirtual().start(() -> submitAndWatch(channels, n, latencies, slots, ended, failed));
        }
        ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] confirmed = Arrays.stream(latencies).filter(latency -> latency >= 0).sorted().toArray();
        return new Result(mode, orders, seconds, confirmed.length / seconds, percentile(confirmed, 50),
                          percentile(confirmed, 99), orders - confirmed.length);
    }

    private static void submitAndWatch(List<ManagedChannel> channels, int n, long[] latencies, Semaphore slots,
                                       CountDownLatch ended, AtomicInteger failed) {
        long submitted = System.nanoTime();
        String orderId;
        try {
            orderId = OrderServiceGrpc.newBlockingStub(channels.get(n % channels.size()))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .submitOrder(SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("USDC")
                                         .setAmount("10").setSlippage("1").build())
                    .getOrderId();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            slots.release();
            ended.countDown();
            return;
        }
        OrderServiceGrpc.newStub(channels.get((n + 1) % channels.size()))
                .withDeadlineAfter(MODE_LIMIT_SECONDS, TimeUnit.SECONDS)
                .watchOrder(WatchOrderRequest.newBuilder().setOrderId(orderId).build(), new StreamObserver<>() {
                    private boolean done;

                    @Override
                    public void onNext(OrderEvent event) {
                        if (event.getStatus() == OrderStatus.ORDER_STATUS_CONFIRMED) {
                            latencies[n] = System.nanoTime() - submitted;
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        end();
                    }

                    @Override
                    public void onCompleted() {
                        end();
                    }

                    private void end() {
                        if (!done) {
                            done = true;
                            slots.release();
                            ended.countDown();
                        }
                    }
                });
    }

    private static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
