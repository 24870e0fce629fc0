package io.orderstream.ws;

import io.orderstream.watch.SharedEvent;
import io.orderstream.watch.WatchEnd;
import io.orderstream.watch.WatchSink;

/**
 * The watch of {@code /api/orders/status/{id}}: one order per session, closed with 1000 after
 * its terminal event.
 */
final class SocketWatchSink implements WatchSink {
    private final SessionWriter writer;

    SocketWatchSink(SessionWriter writer) {
        this.writer = writer;
    }

    @Override
    public void send(SharedEvent event) {
        writer.sendText(event.encoded(WsMessages.EVENT));
    }

    @Override
    public boolean isClosed() {
        return writer.isClosed();
    }

    @Override
    public void complete() {
        writer.close(CloseCodes.NORMAL, "Order reached a terminal state");
    }

    @Override
    public void abort(WatchEnd end, String reason) {
        writer.close(CloseCodes.of(end), reason);
    }
}
