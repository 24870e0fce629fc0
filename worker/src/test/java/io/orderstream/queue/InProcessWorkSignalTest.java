package io.orderstream.queue;

/** The contract on the embedded signal: the gateway and its worker share one object. */
class InProcessWorkSignalTest extends WorkSignalContract {
    @Override
    protected WorkSignal[] openPair() {
        InProcessWorkSignal shared = new InProcessWorkSignal();
        return new WorkSignal[] {shared, shared};
    }
}
