package io.orderstream.logs;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;

/**
 * Each record is one line of JSON that parses back to what was logged: the fixed fields, the
 * order's context where one is open (and none after it closes), a stack trace inside the line,
 * and text that would break a format string or a naive writer (quotes, newlines, {@code %}, {@code $}).
 */
class JsonLogFormatterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @Test
    void aRecordIsOneLineOfJsonWithItsOrdersContext() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "Order {0} is \"routing\"\nnext line %s $1 \\");
        record.setParameters(new Object[] {"o-1"});
        record.setLoggerName(OrderLog.NAME);
        record.setInstant(Instant.parse("2026-11-30T10:15:30.123Z"));
        String line;
        try (OrderLog.Context ignored = OrderLog.context("o-1", "user%40example$1{x}")) {
            line = formatter.format(record);
        }
        assertThat(line, endsWith("}\n"));
        assertThat("one line", line.indexOf('\n'), is(line.length() - 1));
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("time").asText(), is("2026-11-30T10:15:30.123Z"));
        assertThat(json.get("level").asText(), is("INFO"));
        assertThat(json.get("logger").asText(), is("io.orderstream.orders"));
        assertThat(json.get("message").asText(), is("Order o-1 is \"routing\"\nnext line %s $1 \\"));
        assertThat(json.get("thread").asText(), is(Thread.currentThread().getName()));
        assertThat(json.get("orderId").asText(), is("o-1"));
        assertThat(json.get("subject").asText(), is("user%40example$1{x}"));
        assertThat("no trace while tracing is off", json.has("traceId"), is(false));
        assertThat(json.has("exception"), is(false));

        JsonNode after = JSON.readTree(formatter.format(record));
        assertThat("the context ended with its scope", after.has("orderId") || after.has("subject"), is(false));
    }

    @Test
    void aThrownErrorsStackTraceStaysInTheLine() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "failed");
        record.setThrown(new IllegalStateException("broken"));
        String line = formatter.format(record);
        assertThat(line.indexOf('\n'), is(line.length() - 1));
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("level").asText(), is("WARNING"));
        assertThat(json.get("exception").asText(), containsString("java.lang.IllegalStateException: broken"));
        assertThat(json.get("exception").asText(), containsString("aThrownErrorsStackTraceStaysInTheLine"));
    }

    @Test
    void contextsNestAndRestoreWhatWasThere() throws Exception {
        try (OrderLog.Context outer = OrderLog.context("outer", "alice")) {
            try (OrderLog.Context inner = OrderLog.context("inner", "bob")) {
                assertThat(JSON.readTree(formatter.format(new LogRecord(Level.INFO, "x"))).get("orderId").asText(),
                           is("inner"));
            }
            JsonNode restored = JSON.readTree(formatter.format(new LogRecord(Level.INFO, "x")));
            assertThat(restored.get("orderId").asText(), is("outer"));
            assertThat(restored.get("subject").asText(), is("alice"));
        }
    }
}
