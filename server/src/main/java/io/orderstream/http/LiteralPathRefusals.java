package io.orderstream.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Says in the log, in one line, why a gRPC client built on gRPC's C core (Python grpcio, Ruby, C++,
 * PHP) cannot call the Helidon port, and which port it should call instead.
 *
 * <p>Helidon 4.5.0's HPACK decoder refuses a literal {@code :path} header name, which is how the
 * C core sends it: the connection ends with {@code GOAWAY PROTOCOL_ERROR}, and Helidon says so only
 * at DEBUG ({@code Http2Connection}: "Intentional HTTP/2 exception, code: PROTOCOL, message: Received
 * invalid pseudo-header field ..."), so by default the server's log shows nothing while the client
 * reads {@code UNAVAILABLE: GOAWAY received}. Helidon offers no hook on that refusal (it happens in
 * {@code Http2Connection.handle}, before any routing or interceptor), so this filter on that
 * logger is the only place to see it: the logger is lowered to FINE so the record is made, the
 * filter recognises it and writes our line at most once per {@code period} with a count of the
 * others, and every FINE record the operator did not ask for (through a parent logger's level) is
 * dropped again. Other records go on to the filter that was there before (ClientFaultLog's).
 */
public final class LiteralPathRefusals implements Filter {
    private static final String HTTP2_LOGGER = "io.helidon.webserver.http2.Http2Connection";
    private static final String REFUSAL = "Intentional HTTP/2 exception";
    private static final String PSEUDO_HEADER = "invalid pseudo-header";
    private static final Logger LOG = Logger.getLogger(LiteralPathRefusals.class.getName());
    // JUL holds loggers weakly: a filter set on one that is collected would be lost.
    private static final Logger HTTP2 = Logger.getLogger(HTTP2_LOGGER);
    private static final Map<Integer, Integer> NETTY_PORT_BY_HTTP_PORT = new ConcurrentHashMap<>();
    private static LiteralPathRefusals installed;

    private final Filter next;
    private final long periodNanos;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextLineAt = new AtomicLong(System.nanoTime());

    private LiteralPathRefusals(Filter next, Duration period) {
        this.next = next;
        this.periodNanos = period.toNanos();
    }

    /**
     * Names a gateway's ports for the line, and puts the filter on Helidon's HTTP/2 logger (once per
     * process, after {@link ClientFaultLog#install()}, whose filter it passes other records to).
     *
     * @param httpPort  the Helidon port
     * @param nettyPort the Netty gRPC port C-core clients should use
     * @return forgets the ports again (the gateway closes it when it stops)
     */
    public static synchronized AutoCloseable register(int httpPort, int nettyPort) {
        if (installed == null) {
            installed = new LiteralPathRefusals(HTTP2.getFilter(), Duration.ofMinutes(1));
            HTTP2.setFilter(installed);
        }
        Level level = HTTP2.getLevel();
        if (level == null || level.intValue() > Level.FINE.intValue()) {
            HTTP2.setLevel(Level.FINE);
        }
        NETTY_PORT_BY_HTTP_PORT.put(httpPort, nettyPort);
        return () -> NETTY_PORT_BY_HTTP_PORT.remove(httpPort, nettyPort);
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message != null && message.contains(REFUSAL) && message.contains(PSEUDO_HEADER)) {
            refused();
        }
        if (record.getLevel().intValue() < operatorLevel().intValue()) {
            return false;
        }
        return next == null || next.isLoggable(record);
    }

    private void refused() {
        unreported.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLineAt.get();
        if (now - next >= 0 && nextLineAt.compareAndSet(next, now + periodNanos)) {
            long refusals = unreported.getAndSet(0);
            LOG.warning("A gRPC client was refused on the HTTP port with GOAWAY PROTOCOL_ERROR: it sent"
                                + " ':path' as a literal header name, as gRPC's C core does (Python grpcio, Ruby,"
                                + " C++, PHP), which Helidon 4.5.0 does not accept; such clients must use the"
                                + " Netty gRPC port " + ports() + " (refusals since the last such line: "
                                + refusals + ")");
        }
    }

    private static String ports() {
        if (NETTY_PORT_BY_HTTP_PORT.size() == 1) {
            return String.valueOf(NETTY_PORT_BY_HTTP_PORT.values().iterator().next());
        }
        // Several gateways in one process (tests): the record does not say which listener it came from.
        return NETTY_PORT_BY_HTTP_PORT.entrySet().stream()
                .map(ports -> ports.getValue() + " (for HTTP port " + ports.getKey() + ")")
                .collect(Collectors.joining(", "));
    }

    // The level the operator set for this logger: its parents' (ours is lowered only to see the refusal).
    private static Level operatorLevel() {
        for (Logger logger = HTTP2.getParent(); logger != null; logger = logger.getParent()) {
            if (logger.getLevel() != null) {
                return logger.getLevel();
            }
        }
        return Level.INFO;
    }
}
