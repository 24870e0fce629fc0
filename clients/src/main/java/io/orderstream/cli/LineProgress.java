package io.orderstream.cli;

import java.util.Locale;

import io.orderstream.proto.v1.OrderEvent;

/**
 * One line per event, its bar first ({@code [######------] 25%  #2  routing  ...}), then the
 * step's details: what a pipe, a log file or a script reads.
 */
final class LineProgress implements ProgressView {
    private final Output output;

    LineProgress(Output output) {
        this.output = output;
    }

    @Override
    public void show(OrderEvent event) {
        output.text(String.format(Locale.ROOT, "%s %3d%%  #%-2d %-9s  %s",
                                  EventText.bar(event.getProgress()), event.getProgress(), event.getSeq(),
                                  EventText.step(event.getStatus()), event.getMessage()));
        EventText.details(event).forEach(output::text);
    }

    @Override
    public void interrupt() {
        // Each line is already complete: a note on stderr cannot break one.
    }
}
