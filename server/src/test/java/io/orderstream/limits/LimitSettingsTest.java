package io.orderstream.limits;

import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The limits as a gateway reads them: the defaults, what follows from them (the bucket's refill,
 * a caller's share of the queue), and a value it cannot use refused with its key.
 */
class LimitSettingsTest {
    @Test
    void nothingSetGivesTheDefaults() {
        LimitSettings settings = LimitSettings.create(config(Map.of()));

        assertThat(settings, is(new LimitSettings(50, 100, 1000, 10_000, 10_000, 10, true)));
        assertThat(settings.submitRefill(), is(Duration.ofSeconds(2)));
        assertThat(settings.unfinishedOrders(10_000), is(1000));
    }

    @Test
    void aSmallQueueStillGivesEachCallerAtLeastOneOrder() {
        LimitSettings settings = LimitSettings.create(config(Map.of("orderstream.limits.queue.share.percent", "1")));

        assertThat(settings.unfinishedOrders(50), is(1));
        assertThat(settings.unfinishedOrders(250), is(2));
    }

    @Test
    void aSlowRateRefillsInFractionsOfASecond() {
        LimitSettings settings = LimitSettings.create(config(Map.of("orderstream.limits.submit.rate", "0.5",
                                                                    "orderstream.limits.submit.burst", "3")));

        assertThat(settings.submitRefill(), is(Duration.ofSeconds(6)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "orderstream.limits.submit.rate, 0",
            "orderstream.limits.submit.rate, -1",
            "orderstream.limits.submit.rate, NaN",
            "orderstream.limits.submit.burst, 0",
            "orderstream.limits.websockets, 0",
            "orderstream.limits.ws.subscriptions, -5",
            "orderstream.limits.grpc.watches, 0",
            "orderstream.limits.queue.share.percent, 0",
            "orderstream.limits.queue.share.percent, 101",
            "orderstream.limits.anonymous.loopback.exempt, yes"})
    void aValueItCannotUseIsRefusedWithItsKey(String key, String value) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                                                        () -> LimitSettings.create(config(Map.of(key, value))));
        assertThat(refused.getMessage(), containsString(key));
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
