package io.orderstream.logs;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Lines read exactly as the pattern in {@code logging.properties} lays them out for
 * {@code SimpleFormatter}, which operators' log parsers were written against: with parameters,
 * with text that would break a format string, and with a thrown error's stack trace.
 */
class TextLogFormatterTest {
    private final TextLogFormatter formatter = new TextLogFormatter();

    @Test
    void aRecordReadsAsThePropertiesPatternWritesIt() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "Order {0} is routing %s $1");
        record.setParameters(new Object[] {"o-1"});
        record.setLoggerName(OrderLog.NAME);
        record.setInstant(Instant.parse("2026-03-09T07:05:03.004Z"));

        assertThat(formatter.format(record), is(asThePatternWrites(record, "Order o-1 is routing %s $1", "")));
    }

    @Test
    void aThrownErrorsStackTraceFollowsItsLine() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "Claiming orders failed; retrying shortly");
        record.setLoggerName("io.orderstream.engine.Worker");
        record.setThrown(new IllegalStateException("database gone"));
        StringWriter trace = new StringWriter();
        try (PrintWriter writer = new PrintWriter(trace)) {
            writer.println();
            record.getThrown().printStackTrace(writer);
        }

        assertThat(formatter.format(record),
                   is(asThePatternWrites(record, "Claiming orders failed; retrying shortly", trace.toString())));
    }

    private static String asThePatternWrites(LogRecord record, String message, String thrown) throws Exception {
        Properties logging = new Properties();
        try (InputStream in = TextLogFormatterTest.class.getResourceAsStream("/logging.properties")) {
            logging.load(in);
        }
        String pattern = logging.getProperty("java.util.logging.SimpleFormatter.format");
        ZonedDateTime time = ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
        return String.format(pattern, time, "", record.getLoggerName(), record.getLevel().getLocalizedName(),
                             message, thrown);
    }
}
