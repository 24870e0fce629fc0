package io.orderstream.bench;

/**
 * One line of the fan-out table: a setup and a client kind, measured or not.
 *
 * @param setup       the setup's name
 * @param client      the client kind
 * @param measurement what was measured; null when the run could not be measured
 * @param problem     why it could not; null when measured
 */
record FanOutRow(String setup, ClientKind client, FanOutMeasurement measurement, String problem) {
    /**
     * A measured row.
     *
     * @param setup       the setup's name
     * @param client      the client kind
     * @param measurement what was measured
     * @return the row
     */
    static FanOutRow measured(String setup, ClientKind client, FanOutMeasurement measurement) {
        return new FanOutRow(setup, client, measurement, null);
    }

    /**
     * A row that could not be measured.
     *
     * @param setup   the setup's name
     * @param client  the client kind
     * @param problem why
     * @return the row
     */
    static FanOutRow unmeasured(String setup, ClientKind client, String problem) {
        return new FanOutRow(setup, client, null, problem);
    }
}
