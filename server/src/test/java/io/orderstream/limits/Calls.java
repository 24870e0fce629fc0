package io.orderstream.limits;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;
import io.orderstream.testing.PrometheusText;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * What the limits tests send, as a client of a gateway in {@code jwt} mode sends it, and how they
 * read a refusal.
 */
final class Calls {
    static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    static final SubmitOrderRequest GRPC_ORDER = SubmitOrderRequest.newBuilder()
            .setTokenIn("SOL").setTokenOut("USDC").setAmount("10").setSlippage("0.5").build();

    private Calls() {
    }

    /**
     * A gateway in {@code jwt} mode with no worker, so that orders stay unfinished, and these
     * limits.
     *
     * @param dir    where its key material goes
     * @param limits settings besides those
     * @return the gateway, started
     */
    static TestGateway gateway(Path dir, Map<String, String> limits) {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.worker.enabled", "false");
        config.putAll(limits);
        return TestGateway.start(config);
    }

    /** A subject of its own for one test: the gateway's limits are per subject. */
    static String subject(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** How many orders a subject is shown in its list. */
    static int listed(RestClient rest, String subject) throws Exception {
        RestClient.Reply list = rest.post(rest.request("/api/orders?pageSize=100")
                .header("Authorization", "Bearer " + Tokens.token(subject, "orders:read")).GET());
        return list.body().path("orders").size();
    }

    /** A submit over REST by a subject that may read and write. */
    static RestClient.Reply submit(RestClient rest, String subject) throws Exception {
        return rest.post(submitRequest(rest, subject));
    }

    /** The request of a submit over REST, for a test to add headers to. */
    static HttpRequest.Builder submitRequest(RestClient rest, String subject) {
        return rest.request("/api/orders/execute")
                .header("Authorization", "Bearer " + Tokens.token(subject, "orders:read", "orders:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER));
    }

    /** A submit over gRPC by a subject that may read and write. */
    static SubmitOrderResponse submit(Channel channel, String subject) {
        return OrderServiceGrpc.newBlockingStub(Tokens.bearer(channel, Tokens.token(subject, "orders:read",
                                                                                   "orders:write")))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .submitOrder(GRPC_ORDER);
    }

    /** The {@code google.rpc.RetryInfo} a refusal carries, if it carries one. */
    static Optional<Duration> retryDelay(StatusRuntimeException refused) throws InvalidProtocolBufferException {
        com.google.rpc.Status status = StatusProto.fromThrowable(refused);
        if (status == null) {
            return Optional.empty();
        }
        for (var detail : status.getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
                return Optional.of(Duration.ofSeconds(delay.getSeconds(), delay.getNanos()));
            }
        }
        return Optional.empty();
    }

    /** {@code orderstream_rate_limited_total} of a face and limit, as an administrator scrapes it. */
    static long refused(RestClient rest, String face, String limit) throws Exception {
        RestClient.Reply scrape = rest.post(rest.request("/observe/metrics")
                .header("Authorization", "Bearer " + Tokens.token("ops", "orders:admin")).GET());
        if (scrape.status() != 200) {
            throw new AssertionError("Metrics answered " + scrape.status() + ": " + scrape.text());
        }
        return PrometheusText.parse(scrape.text()).count("orderstream_rate_limited_total", "face", face,
                                                         "limit", limit);
    }
}
