package io.orderstream.http;

import java.time.Duration;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

/**
 * A connection that writes one prepared response and ends; the server then closes the socket.
 */
final class RefusedConnection implements ServerConnection {
    private final ConnectionContext ctx;
    private final byte[] response;

    RefusedConnection(ConnectionContext ctx, byte[] response) {
        this.ctx = ctx;
        this.response = response;
    }

    @Override
    public void handle(Limit limit) {
        // What the client sent is read already; dropping it keeps the close from turning into a
        // reset that could overtake the response.
        ctx.dataReader().skip(ctx.dataReader().available());
        ctx.dataWriter().writeNow(BufferData.create(response));
    }

    @Override
    public Duration idleTime() {
        return Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
        // nothing held: handle() returns at once and the server closes the socket
    }
}
