package io.orderstream.limits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each subject's token bucket of submits on a gateway in {@code jwt} mode: three at once, then one
 * every two seconds. Past it a submit is refused, 429 with {@code Retry-After} over REST and
 * RESOURCE_EXHAUSTED with a {@code RetryInfo} over gRPC on both ports, nothing stored; the wait it
 * names is enough; every face takes from the one bucket; another subject is not limited by it.
 * Each test has subjects of its own.
 */
class SubmitRateTest {
    @TempDir
    static Path dir;
    private static TestGateway gateway;
    private static RestClient rest;
    private static ManagedChannel helidon;
    private static ManagedChannel netty;

    @BeforeAll
    static void start() {
        gateway = Calls.gateway(dir, Map.of("orderstream.limits.submit.rate", "0.5",
                                            "orderstream.limits.submit.burst", "3"));
        rest = new RestClient(gateway.http());
        helidon = gateway.helidonChannel();
        netty = gateway.nettyChannel();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void pastItsBurstASubjectIsAnswered429WithRetryAfterAndNothingIsStored() throws Exception {
        String alice = Calls.subject("alice");
        for (int i = 0; i < 3; i++) {
            assertThat(Calls.submit(rest, alice).status(), is(200));
        }
        long counted = Calls.refused(rest, "rest", "submit_rate");

        RestClient.Reply refused = Calls.submit(rest, alice);

        assertThat(refused.text(), refused.status(), is(429));
        assertThat(refused.contentType(), is("application/problem+json"));
        assertThat(refused.body().path("type").asText(), is("urn:orderstream:problem:rate-limited"));
        assertThat(refused.body().path("status").asInt(), is(429));
        assertThat(refused.body().path("detail").asText(), containsString("per second"));
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        // One submit every two seconds: the next is at most two seconds away.
        assertThat(retryAfter, allOf(greaterThan(0L), lessThanOrEqualTo(2L)));
        assertThat(Calls.refused(rest, "rest", "submit_rate"), is(counted + 1));
        assertThat(Calls.listed(rest, alice), is(3));

        Thread.sleep(Duration.ofSeconds(retryAfter));
        assertThat("the wait Retry-After names is enough", Calls.submit(rest, alice).status(), is(200));
    }

    @Test
    void oneSubjectPastItsRateDoesNotLimitAnother() throws Exception {
        String bob = Calls.subject("bob");
        String carol = Calls.subject("carol");
        for (int i = 0; i < 3; i++) {
            assertThat(Calls.submit(rest, bob).status(), is(200));
        }
        assertThat(Calls.submit(rest, bob).status(), is(429));

        for (int i = 0; i < 3; i++) {
            assertThat(Calls.submit(rest, carol).status(), is(200));
        }
        Calls.submit(helidon, Calls.subject("dave"));
        Calls.submit(netty, Calls.subject("erin"));
    }

    @ParameterizedTest(name = "{0} port")
    @ValueSource(strings = {"helidon", "netty"})
    void pastItsBurstASubmitOverGrpcIsResourceExhaustedWithRetryInfo(String port) throws Exception {
        ManagedChannel channel = "helidon".equals(port) ? helidon : netty;
        String frank = Calls.subject("frank");
        for (int i = 0; i < 3; i++) {
            Calls.submit(channel, frank);
        }
        long counted = Calls.refused(rest, "grpc", "submit_rate");

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> Calls.submit(channel, frank));

        assertThat(refused.getStatus().toString(), refused.getStatus().getCode(), is(Status.Code.RESOURCE_EXHAUSTED));
        assertThat(refused.getStatus().getDescription(), containsString("per second"));
        Duration delay = Calls.retryDelay(refused).orElseThrow(() -> new AssertionError("No RetryInfo: " + refused));
        assertThat(delay.toMillis(), allOf(greaterThan(0L), lessThanOrEqualTo(2000L)));
        assertThat(Calls.refused(rest, "grpc", "submit_rate"), is(counted + 1));
        assertThat(Calls.listed(rest, frank), is(3));

        Thread.sleep(delay);
        Calls.submit(channel, frank);
    }

    @Test
    void everyFaceTakesFromTheSubjectsOneBucket() throws Exception {
        String grace = Calls.subject("grace");
        assertThat(Calls.submit(rest, grace).status(), is(200));
        Calls.submit(helidon, grace);
        Calls.submit(netty, grace);

        assertThat(Calls.submit(rest, grace).status(), is(429));
        for (ManagedChannel channel : new ManagedChannel[] {helidon, netty}) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                                                          () -> Calls.submit(channel, grace));
            assertThat(refused.getStatus().getCode(), is(Status.Code.RESOURCE_EXHAUSTED));
        }
    }
}
