package io.orderstream.ws;

import io.orderstream.watch.SharedEvent;
import io.orderstream.watch.WatchEnd;
import io.orderstream.watch.WatchSink;

/**
 * The watch of {@code /api/orders/status/{id}}: one order per session, acknowledged with
 * {@code subscribed} once in place, closed with 1000 after its terminal event.
 */
final class SocketWatchSink implements WatchSink {
    private final SessionWriter writer;
    private final String orderId;
    private final long afterSeq;

    SocketWatchSink(SessionWriter writer, String orderId, long afterSeq) {
        this.writer = writer;
        this.orderId = orderId;
        this.afterSeq = afterSeq;
    }

    @Override
    public void started() {
        writer.send(WsMessages.subscribed(orderId, afterSeq));
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
