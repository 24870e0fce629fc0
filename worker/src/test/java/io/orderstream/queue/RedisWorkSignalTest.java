package io.orderstream.queue;

import java.util.ArrayList;
import java.util.List;

import io.orderstream.testing.TestRedis;

import org.junit.jupiter.api.AfterEach;
import org.redisson.api.RedissonClient;

/** The contract on the Redis signal, the gateway and the worker on clients of their own. */
class RedisWorkSignalTest extends WorkSignalContract {
    private final List<RedissonClient> clients = new ArrayList<>();

    @Override
    protected WorkSignal[] openPair() {
        String prefix = TestRedis.uniquePrefix("signal");
        RedissonClient gateway = TestRedis.sharedClient(TestRedis.uniqueClientName("signal-gateway"));
        RedissonClient worker = TestRedis.sharedClient(TestRedis.uniqueClientName("signal-worker"));
        clients.add(gateway);
        clients.add(worker);
        return new WorkSignal[] {
                new RedisWorkSignal(gateway, prefix, TestRedis.CALL_LIMIT),
                new RedisWorkSignal(worker, prefix, TestRedis.CALL_LIMIT)
        };
    }

    @AfterEach
    void disconnect() {
        clients.forEach(RedissonClient::shutdown);
        clients.clear();
    }
}
