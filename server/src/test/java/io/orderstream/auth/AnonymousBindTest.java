package io.orderstream.auth;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Anonymous access stays on the machine: a gateway in {@code none} mode that would listen beyond
 * loopback, on either port, refuses to start and says why, unless told it is meant.
 */
class AnonymousBindTest {
    @TempDir
    Path dir;

    @Test
    void noneModeOnEveryAddressRefusesToStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                                                     () -> TestGateway.start(Map.of("server.host", "0.0.0.0")));

        assertThat(refused.getMessage(), containsString("orderstream.auth.mode is none"));
        assertThat(refused.getMessage(), containsString("0.0.0.0"));
        assertThat(refused.getMessage(), containsString("orderstream.auth.anonymous.allowed=true"));
    }

    @Test
    void noneModeWithTheNettyPortBeyondLoopbackRefusesToStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                                                     () -> TestGateway.start(Map.of("orderstream.grpc.host", "0.0.0.0")));

        assertThat(refused.getMessage(), containsString("0.0.0.0"));
    }

    @Test
    void noneModeOnEveryAddressStartsWhenAllowed() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("server.host", "0.0.0.0",
                                                            "orderstream.auth.anonymous.allowed", "true"))) {
            assertThat(new RestClient(gateway.http()).get("/api/orders").status(), is(200));
        }
    }

    @Test
    void jwtModeOnEveryAddressStarts() throws Exception {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("server.host", "0.0.0.0");
        try (TestGateway gateway = TestGateway.start(config)) {
            assertThat(new RestClient(gateway.http()).get("/api/orders").status(), is(401));
        }
    }
}
