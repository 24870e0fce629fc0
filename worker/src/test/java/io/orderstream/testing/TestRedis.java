package io.orderstream.testing;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.orderstream.redis.RedisCall;
import io.orderstream.redis.RedisCallException;
import io.orderstream.redis.RedisSettings;

import org.redisson.api.RedissonClient;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shared Redis the tests run against ({@code -Dorderstream.test.redis=redis://host:port},
 * default {@code redis://127.0.0.1:6379}), and the keys a test may use there: each test works
 * under its own random prefix and deletes its keys afterwards, so runs never meet.
 */
public final class TestRedis {
    /** Address of the shared Redis. */
    public static final String ADDRESS = System.getProperty("orderstream.test.redis", "redis://127.0.0.1:6379");

    /** The call limit the tests give the adapters: the client's timeout and a half. */
    public static final Duration CALL_LIMIT = Duration.ofMillis(1500);

    private TestRedis() {
    }

    /**
     * A client configured as production configures it.
     *
     * @param address    {@code redis://host:port}
     * @param clientName name of its connections
     * @return the client; the caller shuts it down
     */
    public static RedissonClient client(String address, String clientName) {
        return new RedisSettings(address, Optional.empty(), "orderstream", Duration.ofSeconds(1), 8).connect(clientName);
    }

    /**
     * A client of the shared Redis, failing the test with instructions when Redis is not there.
     *
     * @param clientName name of its connections
     * @return the client; the caller shuts it down
     */
    public static RedissonClient sharedClient(String clientName) {
        RedissonClient client = client(ADDRESS, clientName);
        try {
            RedisCall.await(client.getKeys().countExistsAsync("orderstream-test-probe"), CALL_LIMIT);
            return client;
        } catch (RedisCallException e) {
            client.shutdown();
            return fail("Redis is not reachable at " + ADDRESS + " (" + e.getMessage() + "). Start it with: "
                                + "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" "
                                + "--appendonly no, or point -Dorderstream.test.redis at one.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.shutdown();
            return fail("Interrupted while reaching Redis", e);
        }
    }

    /**
     * A key prefix no other test run uses; no hyphens, as configuration keys may carry it.
     *
     * @param what the test's subject
     * @return prefix, e.g. {@code ostest:queue:1a2b3c4d}
     */
    public static String uniquePrefix(String what) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "ostest:" + what + ":" + HexFormat.of().formatHex(random);
    }

    /**
     * A client name no other test run uses.
     *
     * @param what the test's subject
     * @return name without spaces
     */
    public static String uniqueClientName(String what) {
        return uniquePrefix(what).replace(':', '_');
    }

    /**
     * Deletes every key under a prefix.
     *
     * @param client a client of the Redis holding them
     * @param prefix the prefix
     */
    public static void deleteKeys(RedissonClient client, String prefix) {
        client.getKeys().deleteByPattern(prefix + ":*");
    }
}
