package io.orderstream.bus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;

class ThrottledWarningTest {
    @Test
    void oneWarningPerIntervalAndTheNextCountsTheOthers() throws Exception {
        Logger log = Logger.getLogger("throttled-warning-test");
        log.setUseParentHandlers(false);
        log.setLevel(Level.ALL);
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            ThrottledWarning warning = new ThrottledWarning(log, Duration.ofSeconds(2));
            for (int i = 0; i < 100; i++) {
                warning.warn("storm " + i);
            }
            Thread.sleep(2_100);
            warning.warn("after");

            List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
            assertThat(warnings.stream().map(LogRecord::getMessage).toList(),
                       contains("storm 0", "after (and 99 more like it since the last such line)"));
            assertThat(records, hasSize(101));
        } finally {
            log.removeHandler(handler);
        }
    }
}
