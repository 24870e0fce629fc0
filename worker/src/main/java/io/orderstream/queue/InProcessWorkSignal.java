package io.orderstream.queue;

import java.time.Duration;

/** The embedded signal: the gateway and its in-process worker share one mailbox. */
public final class InProcessWorkSignal implements WorkSignal {
    private final Mailbox mailbox = new Mailbox();

    @Override
    public void announce() {
        mailbox.post();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return mailbox.take(timeout);
    }

    @Override
    public void close() {
        // Nothing held: the mailbox goes with this object.
    }
}
