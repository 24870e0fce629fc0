package io.orderstream.http;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
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
     * one over its read buffer, or of compressed data that does not inflate (and it logs a failure
     * of the call's own code with the same words, which is no client's fault); Netty each message
     * over the limit or whose framing is broken.
     */
    private static final List<GrpcJunk> GRPC_JUNK = List.of(
            new GrpcJunk("GrpcProtocolHandler", "Failed to process grpc request", ClientFaultLog::unreadByHelidon),
            new GrpcJunk("NettyServerStream", "Exception processing message", thrown -> true));
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
        return GRPC_JUNK.stream().anyMatch(junk -> junk.matches(record));
    }

    // The two refusals Helidon 4.5.0 throws itself, and a decompressor's complaint.
    private static boolean unreadByHelidon(Throwable thrown) {
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        return thrown instanceof IOException
                || thrown instanceof IllegalStateException && (message.startsWith("gRPC message size exceeds")
                || message.startsWith("Unable to codec for compressed data"));
    }

    /** A transport's log record of a gRPC request message it could not take. */
    private record GrpcJunk(String loggerSimpleName, String messagePrefix, Predicate<Throwable> cause) {
        boolean matches(LogRecord record) {
            String logger = record.getLoggerName();
            return logger != null && logger.endsWith("." + loggerSimpleName) && record.getMessage() != null
                    && record.getMessage().startsWith(messagePrefix) && cause.test(record.getThrown());
        }
    }

    /**
     * Whether a failure is the peer going away: end of stream before the request was whole, or a
     * socket closed or reset under the server.
     *
     * @param thrown the failure, with its causes
     * @return true when the client left
     */
    public static boolean clientLeft(Throwable thrown) {
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
