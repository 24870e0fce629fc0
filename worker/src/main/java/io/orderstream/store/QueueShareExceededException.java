package io.orderstream.store;

/**
 * The submitter has as many unfinished orders as its {@link QueueShare} allows: the order was not
 * stored. Unlike a full queue this is the caller's own doing; it may submit again once one of its
 * orders has ended.
 */
public final class QueueShareExceededException extends RuntimeException {
    private final transient QueueShare share;

    /**
     * Creates the exception.
     *
     * @param share the share that was full
     */
    public QueueShareExceededException(QueueShare share) {
        super("This caller has " + share.most() + " unfinished orders, the most one caller may have at once; submit "
                      + "again when one of them has ended", null, false, false);
        this.share = share;
    }

    /**
     * The share that was full.
     *
     * @return the share
     */
    public QueueShare share() {
        return share;
    }
}
