package io.orderstream.grpc;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import io.orderstream.net.Tally;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;

/**
 * The connection cap of the Netty gRPC port ({@code orderstream.grpc.max.connections}). It sits on
 * the listening channel's pipeline, ahead of Netty's acceptor, so it sees each accepted
 * connection before anything is set up for it: it counts the open ones, and closes one past the
 * cap at once with a reset, so that client learns it straight away while the open ones go on.
 * <p>
 * It also takes the listening channel's failures to accept (no file descriptor left): Netty's
 * acceptor would pause accepting for a second and log a stack trace each time; this pauses the
 * same way and reports them in one line per 10 s.
 */
@ChannelHandler.Sharable
final class ChannelCap extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(ChannelCap.class.getName());
    private static final long PAUSE_MILLIS = 1000;

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final Tally refusals = new Tally(LOG, "connection(s) to the gRPC port closed at once: the port had "
            + "orderstream.grpc.max.connections open", Duration.ofSeconds(10));
    private final Tally acceptFailures = new Tally(LOG, "failure(s) to accept a connection on the gRPC port, each "
            + "followed by a pause of " + PAUSE_MILLIS + " ms", Duration.ofSeconds(10));

    /**
     * Creates the cap.
     *
     * @param max most connections open at once
     */
    ChannelCap(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("orderstream.grpc.max.connections must be at least 1, not " + max);
        }
        this.max = max;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel connection = (Channel) msg;
        // Only the listening channel's event loop calls this, so the check and the increment hold together.
        if (open.get() >= max) {
            refusals.add();
            // A reset rather than a FIN: the client knows at once, and the port keeps no TIME_WAIT.
            connection.config().setOption(ChannelOption.SO_LINGER, 0);
            // Not registered with an event loop yet: closed as Netty's acceptor closes one it cannot register.
            connection.unsafe().closeForcibly();
            return;
        }
        open.incrementAndGet();
        connection.closeFuture().addListener(closed -> open.decrementAndGet());
        ctx.fireChannelRead(connection);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        acceptFailures.add(cause);
        // Accepting again at once would fail again at once: pause, as Netty's acceptor does.
        Channel listener = ctx.channel();
        if (listener.config().isAutoRead()) {
            listener.config().setAutoRead(false);
            ctx.executor().schedule(() -> listener.config().setAutoRead(true), PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
