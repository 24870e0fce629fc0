package io.orderstream.server;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A gateway's settings as the process reads them: the defaults when nothing is set, values set
 * as operators set them, and a bad value refused with its key before anything starts.
 */
class GatewaySettingsTest {
    @Test
    void nothingSetGivesTheDefaults() {
        GatewaySettings settings = GatewaySettings.create(config(Map.of()));
        assertThat(settings.watch(), is(new WatchSettings(256, Duration.ofSeconds(10))));
        assertThat(settings.webSockets(), is(new WebSocketSettings(Duration.ofSeconds(15), 1000)));
        assertThat(settings.grpc(), is(new GrpcSettings(Optional.empty(), 9090, Optional.empty(), 1000)));
        assertThat(settings.http().requestTimeout(), is(Duration.ofSeconds(10)));
        assertThat(settings.cursorSecret(), is(Optional.empty()));
        assertThat(settings.backend().queueCapacity(), is(10_000));
        assertThat(settings.backend().redis(), is(Optional.empty()));
        assertThat(settings.worker().orElseThrow().worker().concurrency(), is(64));
    }

    @Test
    void valuesSetAreTheValuesRead() {
        GatewaySettings settings = GatewaySettings.create(config(Map.of(
                "orderstream.watch.buffer", "8",
                "orderstream.ws.max.subscriptions", "3",
                "orderstream.grpc.send.buffer.bytes", "4096",
                "orderstream.redis.address", "redis://127.0.0.1:6379",
                "orderstream.redis.password", "hunter2",
                "orderstream.worker.concurrency", "4")));
        assertThat(settings.watch().backlog(), is(8));
        assertThat(settings.webSockets().maxSubscriptions(), is(3));
        assertThat(settings.grpc().sendBufferBytes(), is(Optional.of(4096)));
        assertThat(settings.backend().redis().orElseThrow().address(), is("redis://127.0.0.1:6379"));
        assertThat(settings.worker().orElseThrow().worker().concurrency(), is(4));
        assertThat("a password is never shown", settings.toString().contains("hunter2"), is(false));
    }

    @Test
    void aGatewayWithoutAWorkerLeavesTheEngineKeysToTheWorkers() {
        GatewaySettings settings = GatewaySettings.create(config(Map.of(
                "orderstream.worker.enabled", "false",
                "orderstream.worker.concurrency", "0")));
        assertThat(settings.worker(), is(Optional.empty()));
    }

    @Test
    void aBadValueIsRefusedWithItsKey() {
        assertRefused("orderstream.watch.buffer", "0", "orderstream.watch.buffer must be at least 1, got 0");
        assertRefused("orderstream.worker.enabled", "yes", "orderstream.worker.enabled must be true or false, got 'yes'");
        assertRefused("orderstream.grpc.port", "70000", "orderstream.grpc.port must be from 0 to 65535, got 70000");
        assertRefused("orderstream.dex.failure.rate", "2", "orderstream.dex.failure.rate must be from 0 to 1, got 2.0");
        assertRefused("orderstream.worker.concurrency", "ten",
                      "orderstream.worker.concurrency must be a whole number, got 'ten'");
        assertRefused("orderstream.dex.timeout.millis", "30000",
                      "orderstream.dex.timeout.millis (30000) must be shorter than orderstream.worker.claim.millis (30000)");
    }

    private static void assertRefused(String key, String value, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                                                        () -> GatewaySettings.create(config(Map.of(key, value))));
        assertThat(refused.getMessage(), is(message));
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
