package io.orderstream.bus;

/** The contract, against the embedded bus: both sides are the same bus. */
class InProcessEventBusTest extends EventBusContract {
    @Override
    protected Buses openBuses() {
        InProcessEventBus bus = new InProcessEventBus();
        return new Buses(bus, bus);
    }

    @Override
    protected void closeBuses(Buses buses) {
        buses.publisher().close();
    }
}
