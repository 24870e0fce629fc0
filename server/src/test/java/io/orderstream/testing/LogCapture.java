package io.orderstream.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged through JUL while it is open, formatted as the console handler formats it,
 * so a test can measure how many bytes of log something costs.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> lines = new ArrayList<>();
    private long bytes;

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /**
     * Starts capturing on the root logger.
     *
     * @return the capture
     */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.root.addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() < root.getLevel().intValue()) {
            return;
        }
        String text = formatter.format(record);
        bytes += text.getBytes(StandardCharsets.UTF_8).length;
        lines.add(text);
    }

    /**
     * Bytes logged so far.
     *
     * @return byte count
     */
    public synchronized long bytes() {
        return bytes;
    }

    /**
     * Records logged so far, formatted.
     *
     * @return copy of the formatted records
     */
    public synchronized List<String> records() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
