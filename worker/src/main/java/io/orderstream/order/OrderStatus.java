package io.orderstream.order;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an order is in its life, and the step an event belongs to.
 * <p>
 * {@code pending → routing → building → submitted → confirmed}, or {@code failed} from any
 * non-terminal state, or {@code cancelled} before {@code submitted}. An administrator may replay
 * a failed order: it starts again at {@code pending}, a new execution of the same order, which
 * is not a step of an execution and so not one {@link #canMoveTo} allows.
 */
public enum OrderStatus {
    PENDING,
    ROUTING,
    BUILDING,
    SUBMITTED,
    CONFIRMED,
    FAILED,
    CANCELLED;

    /**
     * Whether nothing can follow this status.
     *
     * @return true for confirmed, failed and cancelled
     */
    public boolean isTerminal() {
        return this == CONFIRMED || this == FAILED || this == CANCELLED;
    }

    /**
     * Whether an order in this status may still be cancelled: only before it reaches a DEX.
     *
     * @return true for pending, routing and building
     */
    public boolean isCancellable() {
        return this == PENDING || this == ROUTING || this == BUILDING;
    }

    /**
     * Whether an order in this status may take a step to {@code next}: nothing follows a
     * terminal status, and a cancel only comes before the order reaches a DEX.
     *
     * @param next the step asked for
     * @return true when allowed
     */
    public boolean canMoveTo(OrderStatus next) {
        return !isTerminal() && (next != CANCELLED || isCancellable());
    }

    /**
     * The name clients see in JSON ({@code "routing"}).
     *
     * @return lowercase name
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @param name e.g. {@code "confirmed"}
     * @return the status, or empty when the name is unknown
     */
    public static Optional<OrderStatus> fromWireName(String name) {
        // equalsIgnoreCase would take "confırmed" (dotless i) for "confirmed".
        if (!Ascii.isAscii(name)) {
            return Optional.empty();
        }
        for (OrderStatus status : values()) {
            if (status.name().equalsIgnoreCase(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
