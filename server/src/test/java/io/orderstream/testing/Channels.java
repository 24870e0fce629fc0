package io.orderstream.testing;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;

/** Closing a client's grpc-java channels, as tests and the benchmark hold several at once. */
public final class Channels {
    private Channels() {
    }

    /**
     * Shuts every channel down now, then waits up to 5 s for each to terminate; all are told to
     * shut down before any is waited for, so their connections close together. An interrupt stops
     * the waiting and is kept for the caller.
     *
     * @param channels the channels
     */
    public static void shutdownAll(Collection<ManagedChannel> channels) {
        channels.forEach(ManagedChannel::shutdownNow);
        try {
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
