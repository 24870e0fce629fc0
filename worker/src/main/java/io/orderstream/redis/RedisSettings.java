package io.orderstream.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.EqualJitterDelay;
import org.redisson.config.SingleServerConfig;

/**
 * How a process talks to Redis, and the one place a {@link RedissonClient} is configured.
 * <p>
 * Connections per client, whatever the load:
 * <ul>
 *     <li>at most {@code connections} command connections (one is opened eagerly). Each blocking
 *     queue poll holds one for its duration, so this must exceed the worker's concurrency;</li>
 *     <li>exactly one subscription connection, which carries every channel the event bus
 *     subscribes: Redisson multiplexes up to {@link #SUBSCRIPTIONS_PER_CONNECTION} channels over
 *     it, so a gateway's connection count does not grow with its watchers.</li>
 * </ul>
 * Failing fast: every command gets one attempt, connecting and answering are each bounded by
 * {@code timeout}, and callers also bound their wait (see {@link RedisCall}). The client starts
 * lazily, so a process can start while Redis is down; its calls fail until Redis is back.
 *
 * @param address     {@code redis://host:port}
 * @param password    Redis password, if it needs one
 * @param clientName  name shown by {@code CLIENT LIST} for every connection of this client
 * @param timeout     longest wait for a connection and for an answer
 * @param connections most command connections
 */
public record RedisSettings(String address,
                            Optional<String> password,
                            String clientName,
                            Duration timeout,
                            int connections) {

    /** Channels one subscription connection may carry; far above what one gateway watches. */
    public static final int SUBSCRIPTIONS_PER_CONNECTION = 100_000;

    /**
     * Validates the settings.
     *
     * @param address     {@code redis://host:port}
     * @param password    Redis password, if it needs one
     * @param clientName  connection name
     * @param timeout     longest wait for a connection and for an answer
     * @param connections most command connections
     */
    public RedisSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clientName, "clientName");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Redis timeout must be positive, got " + timeout);
        }
        if (connections < 2) {
            throw new IllegalArgumentException("Redis connections must be at least 2, got " + connections);
        }
    }

    /**
     * A new client; the caller owns it and shuts it down.
     *
     * @return the client, not yet connected
     */
    public RedissonClient connect() {
        int timeoutMillis = Math.toIntExact(timeout.toMillis());
        Config config = new Config();
        config.setLazyInitialization(true);
        // Events of one order must reach listeners in the order they were published.
        config.setKeepPubSubOrder(true);
        // Threads for I/O and for listener callbacks; one Redis node needs few.
        config.setNettyThreads(4);
        config.setThreads(4);
        SingleServerConfig server = config.useSingleServer()
                .setAddress(address)
                .setClientName(clientName)
                .setConnectTimeout(timeoutMillis)
                .setTimeout(timeoutMillis)
                .setSubscriptionTimeout(timeoutMillis)
                .setRetryAttempts(0)
                .setConnectionPoolSize(connections)
                .setConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(1)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionsPerConnection(SUBSCRIPTIONS_PER_CONNECTION)
                // Come back quickly after an outage: the bus's recovery waits on this.
                .setReconnectionDelay(new EqualJitterDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .setPingConnectionInterval(10_000);
        password.ifPresent(server::setPassword);
        return Redisson.create(config);
    }
}
