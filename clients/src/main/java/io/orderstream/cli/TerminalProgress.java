package io.orderstream.cli;

import java.util.Locale;

import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderStatus;

/**
 * A watched order on a terminal: each step's message and details scroll by as lines, and one
 * progress bar stays on the last line, redrawn in place (a carriage return and an ANSI erase,
 * {@code ESC [ 2 K}) at each event. The bar line is kept short so it never wraps, which would
 * leave the carriage return on a line other than the bar's. After the terminal event the bar
 * is left drawn and one line says how the order ended.
 */
final class TerminalProgress implements ProgressView {
    private static final String ERASE_LINE = "\r\033[2K";

    private final Output output;
    private boolean barDrawn;

    TerminalProgress(Output output) {
        this.output = output;
    }

    @Override
    public void show(OrderEvent event) {
        StringBuilder screen = new StringBuilder();
        if (barDrawn) {
            screen.append(ERASE_LINE);
        }
        screen.append(String.format(Locale.ROOT, "#%-2d %-9s  %s%n", event.getSeq(), EventText.step(event.getStatus()),
                                    event.getMessage()));
        EventText.details(event).forEach(line -> screen.append(line).append(System.lineSeparator()));
        screen.append(String.format(Locale.ROOT, "%s %3d%%  %s", EventText.bar(event.getProgress()),
                                    event.getProgress(), EventText.step(event.getStatus())));
        if (EventText.terminal(event.getStatus())) {
            screen.append(System.lineSeparator()).append(outcome(event)).append(System.lineSeparator());
            barDrawn = false;
        } else {
            barDrawn = true;
        }
        output.draw(screen.toString());
    }

    @Override
    public void interrupt() {
        if (barDrawn) {
            output.draw(ERASE_LINE);
            barDrawn = false;
        }
    }

    private static String outcome(OrderEvent event) {
        String order = "order " + event.getOrderId();
        if (event.getStatus() == OrderStatus.ORDER_STATUS_CONFIRMED) {
            return order + " confirmed: amount out " + event.getAmountOut() + " on " + event.getChosenDex();
        }
        String verb = event.getStatus() == OrderStatus.ORDER_STATUS_FAILED ? " failed" : " cancelled";
        return order + verb + (event.getFailureReason().isEmpty() ? "" : ": " + event.getFailureReason());
    }
}
