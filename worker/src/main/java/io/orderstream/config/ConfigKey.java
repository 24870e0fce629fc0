package io.orderstream.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.helidon.config.Config;

/**
 * One configuration key: its full name, its default, and how its text becomes a value.
 * <p>
 * Each settings record declares its keys with these, reads through them and lists them, so a
 * default is written in one place and the README's table can be checked against the code. A value
 * that cannot be read is refused with the key's name, the text given and what was expected.
 *
 * @param <T> the value's type
 */
public final class ConfigKey<T> {
    private final String name;
    private final Optional<T> defaultValue;
    private final String expected;
    private final Function<String, T> parse;
    private final Function<T, String> format;

    private ConfigKey(String name, Optional<T> defaultValue, String expected, Function<String, T> parse,
                      Function<T, String> format) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
        this.expected = expected;
        this.parse = parse;
        this.format = format;
    }

    /**
     * A whole number.
     *
     * @param name         full key, e.g. {@code orderstream.worker.concurrency}
     * @param defaultValue value when the key is not set
     * @return the key
     */
    public static ConfigKey<Integer> integer(String name, int defaultValue) {
        return new ConfigKey<>(name, Optional.of(defaultValue), "a whole number", text -> Integer.parseInt(text.trim()),
                               String::valueOf);
    }

    /**
     * A whole number without a default.
     *
     * @param name full key
     * @return the key
     */
    public static ConfigKey<Integer> integer(String name) {
        return new ConfigKey<>(name, Optional.empty(), "a whole number", text -> Integer.parseInt(text.trim()),
                               String::valueOf);
    }

    /**
     * A finite decimal number.
     *
     * @param name         full key
     * @param defaultValue value when the key is not set
     * @return the key
     */
    public static ConfigKey<Double> decimal(String name, double defaultValue) {
        return new ConfigKey<>(name, Optional.of(defaultValue), "a number", ConfigKey::finite,
                               value -> BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }

    /**
     * {@code true} or {@code false}, in any case; nothing else, so a typo is not read as false.
     *
     * @param name         full key
     * @param defaultValue value when the key is not set
     * @return the key
     */
    public static ConfigKey<Boolean> flag(String name, boolean defaultValue) {
        return new ConfigKey<>(name, Optional.of(defaultValue), "true or false", ConfigKey::strictBoolean,
                               String::valueOf);
    }

    /**
     * Text, taken as it is.
     *
     * @param name         full key
     * @param defaultValue value when the key is not set
     * @return the key
     */
    public static ConfigKey<String> text(String name, String defaultValue) {
        return new ConfigKey<>(name, Optional.of(defaultValue), "text", Function.identity(), Function.identity());
    }

    /**
     * Text without a default.
     *
     * @param name full key
     * @return the key
     */
    public static ConfigKey<String> text(String name) {
        return new ConfigKey<>(name, Optional.empty(), "text", Function.identity(), Function.identity());
    }

    /**
     * A duration written as whole milliseconds (the key's name ends in {@code .millis}).
     *
     * @param name         full key
     * @param defaultValue value when the key is not set
     * @return the key
     */
    public static ConfigKey<Duration> millis(String name, Duration defaultValue) {
        return new ConfigKey<>(name, Optional.of(defaultValue), "a whole number of milliseconds",
                               text -> Duration.ofMillis(Long.parseLong(text.trim())),
                               value -> String.valueOf(value.toMillis()));
    }

    /**
     * A duration written as whole seconds (the key's name ends in {@code .seconds}).
     *
     * @param name         full key
     * @param defaultValue value when the key is not set
     * @return the key
     */
    public static ConfigKey<Duration> seconds(String name, Duration defaultValue) {
        return new ConfigKey<>(name, Optional.of(defaultValue), "a whole number of seconds",
                               text -> Duration.ofSeconds(Long.parseLong(text.trim())),
                               value -> String.valueOf(value.toSeconds()));
    }

    /**
     * The full key, as written in {@code application.yaml} (and, upper case with {@code _}, in the
     * environment).
     *
     * @return e.g. {@code orderstream.worker.concurrency}
     */
    public String name() {
        return name;
    }

    /**
     * The default as configuration would write it.
     *
     * @return e.g. {@code 64}, or empty when the key has no default
     */
    public Optional<String> defaultText() {
        return defaultValue.map(format);
    }

    /**
     * The configured value, or else the default.
     *
     * @param root the root configuration
     * @return the value, empty only when the key is neither set nor has a default
     * @throws IllegalArgumentException when the configured text is not a value of this key
     */
    public Optional<T> find(Config root) {
        Optional<String> text = root.get(name).asString().asOptional();
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Optional.of(parse.apply(text.get()));
        } catch (IllegalArgumentException e) {
            // NumberFormatException is one: the JDK's message adds nothing to ours.
            throw new IllegalArgumentException(name + " must be " + expected + ", got '" + text.get() + "'", e);
        }
    }

    /**
     * The configured value, or else the default.
     *
     * @param root the root configuration
     * @return the value
     * @throws IllegalArgumentException when the configured text is not a value of this key, or the
     *                                  key is neither set nor has a default
     */
    public T get(Config root) {
        return find(root).orElseThrow(() -> new IllegalArgumentException(name + " must be set"));
    }

    @Override
    public String toString() {
        return name + defaultText().map(text -> " (default " + text + ")").orElse("");
    }

    private static double finite(String text) {
        double value = Double.parseDouble(text.trim());
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not finite");
        }
        return value;
    }

    private static boolean strictBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("neither true nor false");
        };
    }
}
