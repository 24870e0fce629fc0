package io.orderstream.logs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import io.helidon.logging.common.HelidonMdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes each log record as one line of JSON: {@code time} (UTC, ISO-8601), {@code level},
 * {@code logger}, {@code message}, {@code thread}, and where the line concerns an order its
 * {@code orderId}, {@code traceId} and {@code subject} (see {@link OrderLog#context}); a thrown
 * error's stack trace as {@code exception}, in the same line.
 * <p>
 * Helidon's own {@code HelidonJsonFormatter} is not used: it pastes context values into format
 * strings, so a subject holding {@code %} or {@code $} would break the line, and it writes local
 * times. Thread-safe.
 */
public final class JsonLogFormatter extends Formatter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(LogRecord record) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", record.getInstant().toString());
            json.writeStringField("level", record.getLevel().getName());
            json.writeStringField("logger", record.getLoggerName());
            json.writeStringField("message", formatMessage(record));
            // Handlers format on the thread that logs.
            json.writeStringField("thread", Thread.currentThread().getName());
            for (String key : List.of(OrderLog.ORDER_ID, OrderLog.TRACE_ID, OrderLog.SUBJECT)) {
                String value = HelidonMdc.get(key).orElse(null);
                if (value != null) {
                    json.writeStringField(key, value);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                json.writeStringField("exception", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.append('\n').toString();
    }
}
