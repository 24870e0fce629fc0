package io.orderstream.cli;

import java.util.Locale;

import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.Quote;

/**
 * Draws a watched order for people: one line per event with a progress bar, the step and its
 * message, then the step's details (quotes with the chosen DEX marked, the attempt, the
 * transaction signature, the failure reason). Plain ASCII, so it reads the same in any terminal
 * and in a log file.
 */
final class ProgressView {
    private static final int BAR_WIDTH = 24;
    private static final String INDENT = "       ";

    private final Output output;

    ProgressView(Output output) {
        this.output = output;
    }

    void show(OrderEvent event) {
        output.text(String.format(Locale.ROOT, "%s %3d%%  #%-2d %-9s  %s",
                                  bar(event.getProgress()), event.getProgress(), event.getSeq(),
                                  step(event.getStatus()), event.getMessage()));
        for (Quote quote : event.getQuotesList()) {
            boolean chosen = quote.getDex().equals(event.getChosenDex());
            output.text(String.format(Locale.ROOT, "%s%s %-9s out %-18s price %-16s fee %d bps%s",
                                      INDENT, chosen ? "*" : " ", quote.getDex(), quote.getAmountOut(),
                                      quote.getPrice(), quote.getFeeBps(), chosen ? "  <- chosen" : ""));
        }
        if (event.getStatus() == OrderStatus.ORDER_STATUS_BUILDING && !event.getMinAmountOut().isEmpty()
                && event.getTxSignature().isEmpty()) {
            output.text(INDENT + "min amount out " + event.getMinAmountOut() + " (slippage bound)");
        }
        if (event.getStatus() == OrderStatus.ORDER_STATUS_CONFIRMED) {
            output.text(INDENT + "dex " + event.getChosenDex() + ", amount out " + event.getAmountOut()
                                + ", price " + event.getExecutionPrice());
            output.text(INDENT + "tx " + event.getTxSignature());
        }
        if (!event.getFailureReason().isEmpty()) {
            output.text(INDENT + "reason: " + event.getFailureReason());
        }
    }

    /** The lowercase step name, as the JSON faces spell it. */
    static String step(OrderStatus status) {
        return status.name().substring("ORDER_STATUS_".length()).toLowerCase(Locale.ROOT);
    }

    private static String bar(int progress) {
        int filled = Math.clamp(Math.round(progress * BAR_WIDTH / 100f), 0, BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }
}
