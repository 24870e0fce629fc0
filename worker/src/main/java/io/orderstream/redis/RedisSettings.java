package io.orderstream.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.EqualJitterDelay;
import org.redisson.config.SingleServerConfig;

/**
 * How a process talks to Redis, and the one place a {@link RedissonClient} is configured. Set
 * {@code orderstream.redis.address} and a process runs distributed: work hints, the event bus and
 * the DEX ledgers go through Redis; leave it unset and they stay in the process.
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
 * @param prefix      prefix of every key and channel; several systems can share one Redis
 * @param timeout     longest wait for a connection and for an answer
 * @param connections most command connections
 */
public record RedisSettings(String address,
                            Optional<String> password,
                            String prefix,
                            Duration timeout,
                            int connections) {

    /** Where Redis is; unset or blank runs the process embedded. */
    public static final ConfigKey<String> ADDRESS = ConfigKey.text("orderstream.redis.address");
    /** Redis password. */
    public static final ConfigKey<String> PASSWORD = ConfigKey.text("orderstream.redis.password");
    /** Prefix of every key and channel. */
    public static final ConfigKey<String> PREFIX = ConfigKey.text("orderstream.redis.prefix", "orderstream");
    /** Longest wait for any Redis call. */
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.millis("orderstream.redis.timeout.millis",
                                                                       Duration.ofSeconds(1));
    /** Most command connections; Redisson pipelines commands over each, so none is held while waiting. */
    public static final ConfigKey<Integer> CONNECTIONS = ConfigKey.integer("orderstream.redis.connections", 16);
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(ADDRESS, PASSWORD, PREFIX, TIMEOUT, CONNECTIONS);

    /** Channels one subscription connection may carry; far above what one gateway watches. */
    public static final int SUBSCRIPTIONS_PER_CONNECTION = 100_000;

    /**
     * Validates the settings.
     *
     * @param address     {@code redis://host:port}
     * @param password    Redis password, if it needs one
     * @param prefix      prefix of keys and channels
     * @param timeout     longest wait for a connection and for an answer
     * @param connections most command connections
     */
    public RedisSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(password, "password");
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException(PREFIX.name() + " must not be empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT.name() + " must be positive, got " + timeout.toMillis());
        }
        if (connections < 2) {
            throw new IllegalArgumentException(CONNECTIONS.name() + " must be at least 2, got " + connections);
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings, or empty when no Redis is configured (embedded mode)
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static Optional<RedisSettings> create(Config config) {
        Optional<String> address = ADDRESS.find(config).filter(text -> !text.isBlank());
        return address.map(where -> new RedisSettings(where, PASSWORD.find(config), PREFIX.get(config),
                                                      TIMEOUT.get(config), CONNECTIONS.get(config)));
    }

    /**
     * How long a caller waits for one Redis call: a little over the client's own timeout, so that
     * Redisson reports its failure before the caller gives up.
     *
     * @return the limit
     */
    public Duration callLimit() {
        return timeout.plus(timeout.dividedBy(2));
    }

    /**
     * A new client; the caller owns it and shuts it down.
     *
     * @param clientName name shown by {@code CLIENT LIST} for every connection of this client
     * @return the client, not yet connected
     */
    public RedissonClient connect(String clientName) {
        int timeoutMillis = Math.toIntExact(timeout.toMillis());
        org.redisson.config.Config config = new org.redisson.config.Config();
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

    /** Without the password. */
    @Override
    public String toString() {
        return "RedisSettings[address=" + address + ", prefix=" + prefix + ", timeout=" + timeout
                + ", connections=" + connections + "]";
    }
}
