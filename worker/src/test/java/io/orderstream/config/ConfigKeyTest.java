package io.orderstream.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Keys read their value or their default, tell their default as configuration writes it, and
 * refuse text that is not a value with the key's name, the text and what was expected.
 */
class ConfigKeyTest {
    private static final ConfigKey<Integer> COUNT = ConfigKey.integer("orderstream.test.count", 64);
    private static final ConfigKey<Double> RATE = ConfigKey.decimal("orderstream.test.rate", 1.0);
    private static final ConfigKey<Boolean> ON = ConfigKey.flag("orderstream.test.on", true);
    private static final ConfigKey<Duration> WAIT = ConfigKey.millis("orderstream.test.wait.millis",
                                                                     Duration.ofSeconds(30));
    private static final ConfigKey<Duration> EVERY = ConfigKey.seconds("orderstream.test.every.seconds",
                                                                       Duration.ofMinutes(10));
    private static final ConfigKey<String> WHERE = ConfigKey.text("orderstream.test.where");

    @Test
    void readsTheValueOrElseTheDefault() {
        Config config = config(Map.of("orderstream.test.count", " 2 ", "orderstream.test.rate", "0.25",
                                      "orderstream.test.on", "FALSE", "orderstream.test.wait.millis", "1500",
                                      "orderstream.test.every.seconds", "3"));
        assertEquals(2, COUNT.get(config));
        assertEquals(0.25, RATE.get(config));
        assertEquals(false, ON.get(config));
        assertEquals(Duration.ofMillis(1500), WAIT.get(config));
        assertEquals(Duration.ofSeconds(3), EVERY.get(config));

        Config empty = config(Map.of());
        assertEquals(64, COUNT.get(empty));
        assertEquals(Duration.ofSeconds(30), WAIT.get(empty));
        assertEquals(Optional.empty(), WHERE.find(empty));
    }

    @Test
    void tellsItsDefaultAsConfigurationWritesIt() {
        assertEquals(Optional.of("64"), COUNT.defaultText());
        assertEquals(Optional.of("1"), RATE.defaultText());
        assertEquals(Optional.of("true"), ON.defaultText());
        assertEquals(Optional.of("30000"), WAIT.defaultText());
        assertEquals(Optional.of("600"), EVERY.defaultText());
        assertEquals(Optional.empty(), WHERE.defaultText());
    }

    @Test
    void refusesTextThatIsNotAValue() {
        assertRefused(COUNT, "many", "orderstream.test.count must be a whole number, got 'many'");
        assertRefused(COUNT, "1.5", "orderstream.test.count must be a whole number, got '1.5'");
        assertRefused(RATE, "NaN", "orderstream.test.rate must be a number, got 'NaN'");
        assertRefused(ON, "yes", "orderstream.test.on must be true or false, got 'yes'");
        assertRefused(WAIT, "2s", "orderstream.test.wait.millis must be a whole number of milliseconds, got '2s'");
        IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
                                                      () -> WHERE.get(config(Map.of())));
        assertEquals("orderstream.test.where must be set", unset.getMessage());
    }

    private static void assertRefused(ConfigKey<?> key, String text, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                                                        () -> key.get(config(Map.of(key.name(), text))));
        assertEquals(message, refused.getMessage());
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
