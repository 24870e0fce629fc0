package io.orderstream.http;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.common.buffers.DataReader;

/**
 * Keeps clients that leave mid-request, or send gRPC messages that cannot be read, from flooding
 * the log. Helidon 4.5.0 logs such a client
 * (one that closes during the headers, say) as an internal server error with a stack trace,
 * about 1.2 KB each: 20,000 of them write 24 MB; grpc-java's Netty transport logs a warning with
 * a stack trace for every request message over its size limit. This filter, on the loggers that
 * do it, drops those records and writes one line at most every {@code period} saying how many
 * there were. Records that are not a client's fault pass untouched.
 */
public final class ClientFaultLog implements Filter {
    /** The loggers that report client faults as server failures, found by test. */
    private static final List<String> TRANSPORT_LOGGERS = List.of(
            "io.helidon.webserver.ConnectionHandler",
            "io.helidon.webserver.http1.Http1Connection",
            "io.helidon.webserver.http.DirectHandlers",
            "io.helidon.webserver.http2.Http2Connection",
            "io.helidon.webserver.grpc.GrpcProtocolHandler",
            "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream");
    /*
     * How each transport's gRPC code logs a request message it cannot take: Helidon every frame of
     * it (oversized, or compressed data that does not inflate), Netty each message over the limit
     * or whose framing is broken. Keyed by the logger's simple name.
     */
    private static final Map<String, String> GRPC_BAD_MESSAGE = Map.of(
            "GrpcProtocolHandler", "Failed to process grpc request",
            "NettyServerStream", "Exception processing message");
    private static final Logger LOG = Logger.getLogger(ClientFaultLog.class.getName());
    private static final int MAX_CAUSES = 16;
    // JUL holds loggers weakly: a filter set on one that is collected would be lost.
    private static final List<Logger> FILTERED = TRANSPORT_LOGGERS.stream().map(Logger::getLogger).toList();
    private static final ClientFaultLog INSTANCE = new ClientFaultLog(Duration.ofSeconds(10));

    private final long periodNanos;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextLineAt = new AtomicLong(System.nanoTime());

    private ClientFaultLog(Duration period) {
        this.periodNanos = period.toNanos();
    }

    /**
     * Puts the filter on the transports' loggers. Logging belongs to the process, so this is done once
     * and stays; calling it again does nothing.
     */
    public static void install() {
        FILTERED.forEach(logger -> logger.setFilter(INSTANCE));
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown == null || !(clientLeft(thrown) || clientSentJunk(record))) {
            return true;
        }
        unreported.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLineAt.get();
        if (now - next >= 0 && nextLineAt.compareAndSet(next, now + periodNanos)) {
            long reported = unreported.getAndSet(0);
            LOG.info(() -> reported + " client fault(s) (connections ended mid-request, unreadable gRPC messages)"
                    + " since the last such line (" + thrown.getClass().getSimpleName() + " at "
                    + record.getLoggerName() + ")");
        }
        return false;
    }

    private static boolean clientSentJunk(LogRecord record) {
        String logger = record.getLoggerName();
        String prefix = logger == null ? null : GRPC_BAD_MESSAGE.get(logger.substring(logger.lastIndexOf('.') + 1));
        return prefix != null && record.getMessage() != null && record.getMessage().startsWith(prefix);
    }

    /**
     * Whether a failure is the peer going away: end of stream before the request was whole, or a
     * socket closed or reset under the server.
     */
    static boolean clientLeft(Throwable thrown) {
        Throwable cause = thrown;
        for (int i = 0; i < MAX_CAUSES && cause != null; i++) {
            if (cause instanceof DataReader.InsufficientDataAvailableException
                    || cause instanceof SocketException
                    || cause instanceof ClosedChannelException
                    || isBrokenPipe(cause)) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    private static boolean isBrokenPipe(Throwable cause) {
        return cause instanceof IOException && cause.getMessage() != null
                && (cause.getMessage().contains("Broken pipe") || cause.getMessage().contains("Connection reset"));
    }
}
