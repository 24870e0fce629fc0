package io.orderstream.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One watcher of a fan-out round, whatever its transport: notes when it was attached, keeps
 * every message after that with its time of arrival, and says how it ended. Messages are only
 * kept on arrival and decoded after the round, so that a watcher's own work does not delay the
 * receipts of the others on the same client threads.
 *
 * @param <M> a message as the transport delivers it
 */
abstract class Watcher<M> {
    private final CompletableFuture<Void> attached = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final List<Arrival<M>> arrivals = new ArrayList<>();
    private long attachedNanos;
    private boolean isAttached;
    private String problem;

    /**
     * Completed when the watcher is attached, or when it ended before.
     *
     * @return the future
     */
    final CompletableFuture<Void> attached() {
        return attached;
    }

    /**
     * Completed when the watch has ended, either way.
     *
     * @return the future
     */
    final CompletableFuture<Void> ended() {
        return ended;
    }

    /** Ends the watch from this side, as a client that leaves; nothing more is recorded. */
    abstract void close();

    /**
     * Reads what a kept message says.
     *
     * @param message   the message
     * @param nanos     {@link System#nanoTime()} on its arrival
     * @param wallNanos the wall clock on its arrival, nanoseconds since the epoch
     * @return the receipt, or empty for a message that is not an event
     */
    abstract Optional<Receipt> decode(M message, long nanos, long wallNanos);

    /**
     * What the watcher saw, for the round's figures.
     *
     * @param unattached its problem when it was never attached and nothing else went wrong
     * @param unended    its problem when its watch is still open and nothing else went wrong
     * @return the log
     */
    final WatcherLog log(String unattached, String unended) {
        List<Arrival<M>> kept;
        OptionalLong attachedAt;
        String trouble;
        synchronized (this) {
            kept = List.copyOf(arrivals);
            attachedAt = isAttached ? OptionalLong.of(attachedNanos) : OptionalLong.empty();
            trouble = problem != null ? problem : !isAttached ? unattached : !ended.isDone() ? unended : null;
        }
        List<Receipt> receipts = new ArrayList<>();
        for (Arrival<M> arrival : kept) {
            decode(arrival.message(), arrival.nanos(), arrival.wallNanos()).ifPresent(receipts::add);
        }
        return new WatcherLog(attachedAt, receipts, trouble);
    }

    /**
     * The transport attached the watcher.
     *
     * @param nanos {@link System#nanoTime()} then
     */
    final void attachedAt(long nanos) {
        synchronized (this) {
            if (isAttached) {
                return;
            }
            attachedNanos = nanos;
            isAttached = true;
        }
        attached.complete(null);
    }

    /**
     * Whether the watcher is attached yet.
     *
     * @return true once it is
     */
    final synchronized boolean isAttached() {
        return isAttached;
    }

    /**
     * A message arrived after the watcher was attached.
     *
     * @param message   the message
     * @param nanos     {@link System#nanoTime()}, taken as the transport handed it over
     * @param wallNanos {@link #wallNanos()} then
     */
    final synchronized void arrived(M message, long nanos, long wallNanos) {
        arrivals.add(new Arrival<>(message, nanos, wallNanos));
    }

    /**
     * The watch ended.
     *
     * @param trouble what went wrong, or null when it ended as it should
     */
    final void endedWith(String trouble) {
        synchronized (this) {
            if (trouble != null && problem == null && !ended.isDone()) {
                problem = trouble;
            }
        }
        ended.complete(null);
        attached.complete(null);
    }

    /**
     * The wall clock now, as receipts record it; microseconds on Linux.
     *
     * @return nanoseconds since the epoch
     */
    static long wallNanos() {
        return epochNanos(Instant.now());
    }

    /**
     * An instant as receipts record it.
     *
     * @param instant e.g. an event's timestamp
     * @return nanoseconds since the epoch
     */
    static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private record Arrival<M>(M message, long nanos, long wallNanos) {
    }
}
