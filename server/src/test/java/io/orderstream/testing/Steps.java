package io.orderstream.testing;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

/**
 * What every watcher must see of an order's life, whatever face it watches through.
 */
public final class Steps {
    private static final Map<String, Integer> PHASE = Map.of(
            "pending", 0, "routing", 1, "building", 2, "submitted", 3,
            "confirmed", 4, "failed", 4, "cancelled", 4);

    private Steps() {
    }

    /** One event as a watcher saw it. */
    public record Step(long seq, String type, int progress) {
    }

    /**
     * Asserts a whole, ordered life: seqs contiguous from {@code firstSeq}, steps in lifecycle
     * order, progress never going back, ending with {@code terminal}.
     *
     * @param steps    what the watcher received, in order
     * @param firstSeq the seq the watcher should start at
     * @param terminal the expected last step
     */
    public static void assertLife(List<Step> steps, long firstSeq, String terminal) {
        assertThat("no events at all", steps.isEmpty(), is(false));
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            assertThat("seq of event " + i + " in " + steps, step.seq(), is(firstSeq + i));
            assertThat("known step " + step.type(), PHASE.containsKey(step.type()), is(true));
            if (i > 0) {
                Step before = steps.get(i - 1);
                assertThat("step order in " + steps, PHASE.get(step.type()), greaterThanOrEqualTo(PHASE.get(before.type())));
                assertThat("progress in " + steps, step.progress(), greaterThanOrEqualTo(before.progress()));
            }
            boolean last = i == steps.size() - 1;
            assertThat("only the last event is terminal: " + steps, PHASE.get(step.type()) == 4, is(last));
        }
        assertThat(steps.getLast().type(), is(terminal));
    }

    /**
     * The full life from the first event.
     *
     * @param steps    what the watcher received
     * @param terminal expected last step
     */
    public static void assertLife(List<Step> steps, String terminal) {
        assertLife(steps, 1, terminal);
        assertThat(steps.getFirst().type(), is("pending"));
    }
}
