package io.orderstream.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Closes an HTTP/1.1 connection whose request is not read whole within a time limit: headers that
 * never end, a body shorter than its Content-Length, a chunked body that never finishes.
 * Helidon 4.5.0 has no such limit: its idle timer interrupts a connection only while it waits for
 * a request line, so a client that stops mid-headers or mid-body holds a connection for good.
 * <p>
 * The clock starts when the request line has been read. It stops when the headers are read and
 * the request has no body, or when the response status is sent; a WebSocket upgrade has no body,
 * so an open WebSocket is never timed.
 */
public final class RequestDeadline implements Http1ConnectionListener, AutoCloseable {
    private final Duration limit;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("http-request-deadline").factory());
    private final Map<ConnectionContext, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

    /**
     * Creates the deadline; register it as both a receive and a send listener of HTTP/1.1.
     *
     * @param limit time a client has to send a whole request
     */
    public RequestDeadline(Duration limit) {
        this.limit = limit;
        // Nearly every request stops its clock long before it runs out: without this each
        // cancelled expiry would stay queued, with its connection, for the whole limit.
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        ScheduledFuture<?> expiry = timer.schedule(() -> expire(ctx), limit.toMillis(), TimeUnit.MILLISECONDS);
        stop(running.put(ctx, expiry));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        if (!hasBody(headers)) {
            stop(running.remove(ctx));
        }
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        stop(running.remove(ctx));
    }

    /**
     * Connections whose request is being timed, for tests and health.
     *
     * @return count
     */
    public int timed() {
        return running.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void expire(ConnectionContext ctx) {
        if (running.remove(ctx) != null) {
            // The connection's thread is blocked reading from the client; closing the socket
            // under it ends the read and the connection.
            ctx.serverSocket().close();
        }
    }

    private static boolean hasBody(Headers headers) {
        try {
            return headers.contains(HeaderNames.TRANSFER_ENCODING) || headers.contentLength().orElse(0L) > 0;
        } catch (RuntimeException e) {
            // a Content-Length Helidon will refuse: keep the clock running until it has
            return true;
        }
    }

    private static void stop(ScheduledFuture<?> expiry) {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }
}
