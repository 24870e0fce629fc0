package io.orderstream.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import io.orderstream.proto.v1.CancelOrderRequest;
import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.ListOrdersRequest;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The gRPC face of a gateway in {@code jwt} mode, on both ports (Helidon's and Netty's): the same
 * one interceptor authenticates every call of the order service, the order service allows it,
 * and health stays open to orchestrators. No worker runs, so orders stay pending.
 */
class GrpcAuthTest {
    private static final String MISSING = "00000000-0000-4000-8000-000000000000";
    private static final SubmitOrderRequest ORDER = SubmitOrderRequest.newBuilder()
            .setTokenIn("SOL").setTokenOut("USDC").setAmount("10").setSlippage("0.5").build();

    @TempDir
    static Path dir;
    private static TestGateway gateway;
    private static ManagedChannel helidon;
    private static ManagedChannel netty;

    @BeforeAll
    static void start() {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.worker.enabled", "false");
        gateway = TestGateway.start(config);
        helidon = gateway.helidonChannel();
        netty = gateway.nettyChannel();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Arguments> refusedCredentials() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        Map<String, String> refused = Map.of(
                "no token", "",
                "bad signature", Tokens.hs256("another-secret-that-is-also-32-bytes-long",
                                              Tokens.claims("alice", "orders:read", "orders:write")),
                "expired", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read", "orders:write")
                        .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60)))),
                "wrong audience", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read", "orders:write")
                        .audience("another-service")),
                "wrong issuer", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read", "orders:write")
                        .issuer("https://evil.example/")));
        return Stream.of("helidon", "netty").flatMap(port -> refused.entrySet().stream()
                .map(entry -> Arguments.of(port, entry.getKey(), entry.getValue())));
    }

    @ParameterizedTest(name = "{0} port, {1}")
    @MethodSource("refusedCredentials")
    void everyMethodRefusesACallerItCannotAuthenticate(String port, String what, String token) throws Exception {
        Channel channel = token.isEmpty() ? channel(port) : Tokens.bearer(channel(port), token);
        var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);

        List<Function<OrderServiceGrpc.OrderServiceBlockingStub, ?>> calls = List.of(
                s -> s.submitOrder(ORDER),
                s -> s.getOrder(GetOrderRequest.newBuilder().setOrderId(MISSING).build()),
                s -> s.listOrders(ListOrdersRequest.getDefaultInstance()),
                s -> s.cancelOrder(CancelOrderRequest.newBuilder().setOrderId(MISSING).build()));
        for (Function<OrderServiceGrpc.OrderServiceBlockingStub, ?> call : calls) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call.apply(stub));
            assertThat(e.getStatus().toString(), e.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
            assertThat(e.getStatus().getDescription(), not(is((String) null)));
        }
        GrpcWatcher watcher = GrpcWatcher.watch(channel, MISSING, 0);
        assertThat(watcher.awaitEnd().getCode(), is(Status.Code.UNAUTHENTICATED));
    }

    @ParameterizedTest(name = "{0} port")
    @ValueSource(strings = {"helidon", "netty"})
    void anotherSubjectsOrderIsNotFoundAsAMissingOneIs(String port) throws Exception {
        var alice = stub(port, Tokens.token("alice", "orders:read", "orders:write"));
        var bob = stub(port, Tokens.token("bob", "orders:read", "orders:write"));
        String orderId = alice.submitOrder(ORDER).getOrderId();

        Status theirs = status(() -> bob.getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build()));
        Status missing = status(() -> bob.getOrder(GetOrderRequest.newBuilder().setOrderId(MISSING).build()));
        Status cancelTheirs = status(() -> bob.cancelOrder(CancelOrderRequest.newBuilder().setOrderId(orderId).build()));
        Status watchTheirs = GrpcWatcher.watch(Tokens.bearer(channel(port), Tokens.token("bob", "orders:read")),
                                               orderId, 0).awaitEnd();
        Status watchMissing = GrpcWatcher.watch(Tokens.bearer(channel(port), Tokens.token("bob", "orders:read")),
                                                MISSING, 0).awaitEnd();

        for (Status status : List.of(theirs, cancelTheirs, watchTheirs)) {
            assertThat(status.getCode(), is(Status.Code.NOT_FOUND));
            assertThat(status.getDescription().replace(orderId, MISSING), is(missing.getDescription()));
        }
        assertThat(watchMissing.getCode(), is(Status.Code.NOT_FOUND));
        assertThat(ids(bob), not(hasItem(orderId)));
        assertThat(ids(alice), hasItem(orderId));
        assertThat("bob's cancel did nothing",
                   alice.getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build()).getStatus().name(),
                   is("ORDER_STATUS_PENDING"));
    }

    @ParameterizedTest(name = "{0} port")
    @ValueSource(strings = {"helidon", "netty"})
    void anAdministratorSeesWatchesAndCancelsEveryOrder(String port) throws Exception {
        String orderId = stub(port, Tokens.token("alice", "orders:write")).submitOrder(ORDER).getOrderId();
        var admin = stub(port, Tokens.token("ops", "orders:admin"));

        assertThat(admin.getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build()).getOrderId(), is(orderId));
        assertThat(ids(admin), hasItem(orderId));
        GrpcWatcher watcher = GrpcWatcher.watch(Tokens.bearer(channel(port), Tokens.token("ops", "orders:admin")),
                                                orderId, 0);
        admin.cancelOrder(CancelOrderRequest.newBuilder().setOrderId(orderId).build());
        assertThat(watcher.awaitEnd().getCode(), is(Status.Code.OK));
        assertThat(watcher.events().getLast().getStatus().name(), is("ORDER_STATUS_CANCELLED"));
    }

    @ParameterizedTest(name = "{0} port")
    @ValueSource(strings = {"helidon", "netty"})
    void eachMethodNeedsItsScope(String port) throws Exception {
        var reader = stub(port, Tokens.token("rita", "orders:read"));
        var writer = stub(port, Tokens.token("walt", "orders:write"));
        String orderId = writer.submitOrder(ORDER).getOrderId();

        Status submit = status(() -> reader.submitOrder(ORDER));
        Status get = status(() -> writer.getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build()));
        Status list = status(() -> writer.listOrders(ListOrdersRequest.getDefaultInstance()));
        Status watch = GrpcWatcher.watch(Tokens.bearer(channel(port), Tokens.token("walt", "orders:write")),
                                         orderId, 0).awaitEnd();

        for (Status status : List.of(submit, get, list, watch)) {
            assertThat(status.getCode(), is(Status.Code.PERMISSION_DENIED));
            assertThat(status.getDescription(), containsString("orders:"));
        }
        assertThat(writer.cancelOrder(CancelOrderRequest.newBuilder().setOrderId(orderId).build()).getStatus().name(),
                   is("ORDER_STATUS_CANCELLED"));
    }

    @ParameterizedTest(name = "{0} port")
    @ValueSource(strings = {"helidon", "netty"})
    void apiKeysAndHealthWork(String port) {
        var keyed = OrderServiceGrpc.newBlockingStub(Tokens.withMetadata(channel(port), "x-api-key", Tokens.WRITE_KEY))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThat(keyed.submitOrder(ORDER).getCreated(), is(true));
        assertThat(HealthGrpc.newBlockingStub(channel(port)).withDeadlineAfter(10, TimeUnit.SECONDS)
                           .check(HealthCheckRequest.getDefaultInstance()).getStatus().name(), is("SERVING"));
    }

    private static Channel channel(String port) {
        return "helidon".equals(port) ? helidon : netty;
    }

    private static OrderServiceGrpc.OrderServiceBlockingStub stub(String port, String token) {
        return OrderServiceGrpc.newBlockingStub(Tokens.bearer(channel(port), token))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static List<String> ids(OrderServiceGrpc.OrderServiceBlockingStub stub) {
        return stub.listOrders(ListOrdersRequest.newBuilder().setPageSize(100).build()).getOrdersList().stream()
                .map(io.orderstream.proto.v1.Order::getOrderId).toList();
    }

    private static Status status(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus();
    }
}
