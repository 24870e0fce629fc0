package io.orderstream.logs;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How the process writes its log lines.
 *
 * @param json true: one JSON object per line ({@link JsonLogFormatter}); false: plain text
 *             ({@link TextLogFormatter})
 */
public record LogSettings(boolean json) {
    /** {@code text} or {@code json}. */
    public static final ConfigKey<String> FORMAT = ConfigKey.text("orderstream.log.format", "text");
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(FORMAT);

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when the format is neither {@code text} nor {@code json}
     */
    public static LogSettings create(Config config) {
        String format = FORMAT.get(config).trim().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "text" -> new LogSettings(false);
            case "json" -> new LogSettings(true);
            default -> throw new IllegalArgumentException(FORMAT.name() + " must be text or json, got '"
                                                                  + FORMAT.get(config) + "'");
        };
    }

    /**
     * Makes every handler of the root logger (the console, as logging.properties sets it up) write
     * lines in this format, now and whenever the logging configuration is read again. Call it
     * before Helidon's {@code LogConfig.configureRuntime()}: that reads logging.properties, then
     * logs that it did, and that line is in this format too.
     */
    public void install() {
        Supplier<Formatter> formatter = json ? JsonLogFormatter::new : TextLogFormatter::new;
        Runnable formatRootHandlers = () -> {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.setFormatter(formatter.get());
            }
        };
        LogManager.getLogManager().addConfigurationListener(formatRootHandlers);
        formatRootHandlers.run();
    }
}
