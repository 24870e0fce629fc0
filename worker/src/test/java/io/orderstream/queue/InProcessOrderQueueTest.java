package io.orderstream.queue;

import java.time.Duration;

/** The contract, against the embedded queue. */
class InProcessOrderQueueTest extends OrderQueueContract {
    @Override
    protected OrderQueue newQueue(int capacity) {
        return new InProcessOrderQueue(capacity);
    }

    @Override
    protected Duration redeliveryDeadline() {
        return Duration.ofSeconds(1);
    }
}
