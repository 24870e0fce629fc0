package io.orderstream.cli;

import io.orderstream.proto.v1.OrderEvent;

/** How {@code watch} shows a watched order's events to people. */
interface ProgressView {
    /**
     * The view for where the output goes: a bar drawn in place on a terminal, one line per event
     * anywhere else (a pipe, a file, a test).
     */
    static ProgressView of(Output output) {
        return output.terminal() ? new TerminalProgress(output) : new LineProgress(output);
    }

    /** Shows one new event (never one shown before). */
    void show(OrderEvent event);

    /** Makes room for a note on stderr, e.g. that the stream is being resumed. */
    void interrupt();
}
