package io.orderstream.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.Quote;

/**
 * An event's parts as text for people: its step's name, a progress bar, and the details its step
 * carries (quotes with the chosen DEX marked, the slippage bound, the transaction, the failure
 * reason). Plain ASCII, so it reads the same in any terminal and in a log file. It reads the
 * protobuf message, which the gateway fills from its one view of an event (clients depend on the
 * contract alone), so it never sees the JSON faces' aliases.
 */
final class EventText {
    static final String INDENT = "       ";
    private static final int BAR_WIDTH = 24;

    private EventText() {
    }

    /** The lowercase step name, as the JSON faces spell it. */
    static String step(OrderStatus status) {
        return status.name().substring("ORDER_STATUS_".length()).toLowerCase(Locale.ROOT);
    }

    /** {@code [#########---------------]}: the progress, 0 to 100, in {@value #BAR_WIDTH} cells. */
    static String bar(int progress) {
        int filled = Math.clamp(Math.round(progress * BAR_WIDTH / 100f), 0, BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    /** The lines under an event's own line: whatever its step adds. */
    static List<String> details(OrderEvent event) {
        List<String> lines = new ArrayList<>();
        for (Quote quote : event.getQuotesList()) {
            boolean chosen = quote.getDex().equals(event.getChosenDex());
            lines.add(String.format(Locale.ROOT, "%s%s %-9s out %-18s price %-16s fee %d bps%s",
                                    INDENT, chosen ? "*" : " ", quote.getDex(), quote.getAmountOut(),
                                    quote.getPrice(), quote.getFeeBps(), chosen ? "  <- chosen" : ""));
        }
        if (event.getStatus() == OrderStatus.ORDER_STATUS_BUILDING && !event.getMinAmountOut().isEmpty()
                && event.getTxSignature().isEmpty()) {
            lines.add(INDENT + "min amount out " + event.getMinAmountOut() + " (slippage bound)");
        }
        if (event.getStatus() == OrderStatus.ORDER_STATUS_CONFIRMED) {
            lines.add(INDENT + "dex " + event.getChosenDex() + ", amount out " + event.getAmountOut()
                              + ", price " + event.getExecutionPrice());
            lines.add(INDENT + "tx " + event.getTxSignature());
        }
        if (!event.getFailureReason().isEmpty()) {
            lines.add(INDENT + "reason: " + event.getFailureReason());
        }
        return lines;
    }

    /** Whether no event follows this one. */
    static boolean terminal(OrderStatus status) {
        return status == OrderStatus.ORDER_STATUS_CONFIRMED || status == OrderStatus.ORDER_STATUS_FAILED
                || status == OrderStatus.ORDER_STATUS_CANCELLED;
    }
}
