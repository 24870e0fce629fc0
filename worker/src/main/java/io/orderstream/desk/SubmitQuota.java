package io.orderstream.desk;

import io.orderstream.error.RateLimitedException;
import io.orderstream.store.QueueShare;
import io.orderstream.store.QueueShareExceededException;

/**
 * How much one caller may still submit, as whoever admits callers keeps it: a rate of submits, and
 * a share of the order queue. {@link OrderDesk#submit} takes from the rate first, then stores the
 * order within the share, and lets the quota word (and count) a refusal for the share. The
 * gateway keeps quotas per caller in its limits (token buckets, shared through Redis by every
 * gateway); the use cases do not know how.
 */
public interface SubmitQuota {
    /**
     * Takes one submit from the caller's rate.
     *
     * @param face where the submit came in, for the count of refusals
     * @throws RateLimitedException when the caller is past its rate, with the time until it is not
     */
    void take(SubmitFace face);

    /**
     * The caller's share of the order queue, for the store to keep.
     *
     * @return whom its orders count against and how many unfinished ones it may have
     */
    QueueShare share();

    /**
     * The refusal of a submit past the caller's {@linkplain #share() share}.
     *
     * @param exceeded what the store threw
     * @param face     where the submit came in, for the count of refusals
     * @return the exception to throw
     */
    RateLimitedException refused(QueueShareExceededException exceeded, SubmitFace face);

    /**
     * A caller bound by the queue's capacity alone: no rate, no share of its own.
     *
     * @param submitter whom its orders count against
     * @return the quota
     */
    static SubmitQuota unlimited(String submitter) {
        QueueShare share = QueueShare.unlimited(submitter);
        return new SubmitQuota() {
            @Override
            public void take(SubmitFace face) {
            }

            @Override
            public QueueShare share() {
                return share;
            }

            @Override
            public RateLimitedException refused(QueueShareExceededException exceeded, SubmitFace face) {
                // The store refuses only a share with a bound of its own: this one has none.
                throw new IllegalStateException("The store refused a share without a bound", exceeded);
            }
        };
    }
}
