package io.orderstream.store;

import java.util.Objects;

/**
 * Who a new order counts against in the order queue, and how many unfinished orders that one may
 * have at once, so no single caller fills the queue for everyone.
 *
 * @param submitter the name the orders of one caller share (a subject, or a client's address)
 * @param most      most unfinished orders of the submitter; {@link #UNLIMITED} for no bound but
 *                  the queue's own
 */
public record QueueShare(String submitter, int most) {
    /** No bound but the queue's capacity. */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** Longest submitter name the queue keeps. */
    public static final int MAX_SUBMITTER_LENGTH = 300;

    /**
     * Validates the share.
     *
     * @param submitter not blank, at most {@value #MAX_SUBMITTER_LENGTH} characters
     * @param most      at least 1
     */
    public QueueShare {
        Objects.requireNonNull(submitter, "submitter");
        if (submitter.isBlank() || submitter.length() > MAX_SUBMITTER_LENGTH) {
            throw new IllegalArgumentException("A submitter must be 1 to " + MAX_SUBMITTER_LENGTH + " characters");
        }
        if (most < 1) {
            throw new IllegalArgumentException("A queue share must allow at least 1 order, got " + most);
        }
    }

    /**
     * A submitter bound by the queue's capacity alone.
     *
     * @param submitter who the orders count against
     * @return the share
     */
    public static QueueShare unlimited(String submitter) {
        return new QueueShare(submitter, UNLIMITED);
    }

    /**
     * Whether the submitter has a bound of its own.
     *
     * @return false for {@link #UNLIMITED}
     */
    public boolean limited() {
        return most != UNLIMITED;
    }
}
