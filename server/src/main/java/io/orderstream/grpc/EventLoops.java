package io.orderstream.grpc;

import java.util.concurrent.TimeUnit;

import io.grpc.netty.shaded.io.netty.channel.ChannelFactory;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty event loops of the gRPC port and its listening channel, chosen as grpc-java chooses
 * its defaults (epoll where it is available, NIO elsewhere; one accepting thread, Netty's
 * default number of workers, daemon threads). They are the project's own only because grpc-java
 * takes a listening channel of one's own (to put {@link ChannelCap} on it) only together with
 * event loops of one's own.
 */
final class EventLoops implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelFactory<ServerChannel> listeners;

    private EventLoops(EventLoopGroup boss, EventLoopGroup workers, ChannelFactory<ServerChannel> listeners) {
        this.boss = boss;
        this.workers = workers;
        this.listeners = listeners;
    }

    /**
     * Creates the event loops.
     *
     * @param listening a handler for the pipeline of each listening channel
     * @return the event loops
     */
    static EventLoops create(ChannelHandler listening) {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup boss = group(epoll, 1, "grpc-boss");
        EventLoopGroup workers = group(epoll, 0, "grpc-worker");
        ChannelFactory<ServerChannel> listeners = () -> {
            ServerChannel channel = epoll ? new EpollServerSocketChannel() : new NioServerSocketChannel();
            // First in the pipeline: the server bootstrap adds its acceptor after it.
            channel.pipeline().addLast(listening);
            return channel;
        };
        return new EventLoops(boss, workers, listeners);
    }

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup workers() {
        return workers;
    }

    ChannelFactory<ServerChannel> listeners() {
        return listeners;
    }

    /** Stops the threads; call it once the server has stopped. */
    @Override
    public void close() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private static EventLoopGroup group(boolean epoll, int threads, String name) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
        return epoll ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
    }
}
