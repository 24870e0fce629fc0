package io.orderstream.logs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Writes each log record as one line of plain text, laid out as {@code logging.properties}' pattern
 * for {@code SimpleFormatter} says: {@code 2026.11.30 16:26:53.880 INFO logger: message}, local
 * time, and a thrown error's stack trace on the lines after it.
 * <p>
 * Built by hand because the pattern is read on every line otherwise: Helidon's formatter expands
 * its context placeholders and then {@code String.format} parses the pattern and converts the
 * time field by field, which took two thirds of the cost of logging an order's status changes.
 * Thread-safe.
 */
public final class TextLogFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        StringBuilder line = new StringBuilder(64 + message.length());
        TIME.formatTo(record.getInstant(), line);
        line.append(' ').append(record.getLevel().getLocalizedName())
                .append(' ').append(record.getLoggerName())
                .append(": ").append(message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter writer = new PrintWriter(trace)) {
                writer.println();
                record.getThrown().printStackTrace(writer);
            }
            line.append(trace);
        }
        return line.append(System.lineSeparator()).toString();
    }
}
