package io.orderstream.bench;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * One round's arithmetic: which events are measured, their spreads, the delivery samples, and
 * which watchers missed something.
 */
class RoundFiguresTest {
    private static final long MS = 1_000_000L;
    private static final long SUBMIT = 100 * MS;
    private static final long EPOCH = 1_700_000_000_000L * MS;

    @Test
    void eventsAfterTheLastAttachAreMeasured() {
        RoundFigures round = RoundFigures.of(SUBMIT, List.of(
                watcher(110, received(1, 105, 4), received(2, 140, 3), received(3, 150, 2, true)),
                watcher(120, received(1, 121, 20), received(2, 142, 5), received(3, 150, 2, true)),
                // The last to attach: seq 1 reached it from the history, after the others had it live.
                watcher(130, received(1, 131, 30), received(2, 145, 8), received(3, 160, 12, true))));
        assertThat(round.watchers(), is(3));
        assertThat(round.attachNanos(), is(OptionalLong.of(30 * MS)));
        assertThat(round.earlyEvents(), is(1));
        assertThat(round.measuredEvents(), is(2));
        assertThat(round.spreads(), is(new long[] {5 * MS, 10 * MS}));
        assertThat(round.deliveries(), is(new long[] {2 * MS, 2 * MS, 3 * MS, 5 * MS, 8 * MS, 12 * MS}));
        assertThat(round.missed(), is(0));
        assertThat(round.problems(), is(Map.of()));
    }

    @Test
    void aWatcherMissesByLackingAMeasuredEventTheTerminalOneOrItsAttach() {
        RoundFigures round = RoundFigures.of(SUBMIT, List.of(
                watcher(110, received(1, 111, 1), received(2, 140, 1), received(3, 150, 1, true)),
                // Lacks seq 2, which the others received after every attached watcher.
                watcher(112, received(1, 113, 1), received(3, 151, 2, true)),
                // Cut off before the end.
                new WatcherLog(OptionalLong.of(114 * MS), List.of(received(1, 115, 1), received(2, 141, 1)),
                               "closed 1013 too slow"),
                new WatcherLog(OptionalLong.empty(), List.of(), "no subscribed message within 30 s")));
        assertThat(round.measuredEvents(), is(2));
        assertThat(round.missed(), is(3));
        // A watcher never attached leaves no attach time for the round.
        assertThat(round.attachNanos(), is(OptionalLong.empty()));
        assertThat(round.problems(), is(Map.of("closed 1013 too slow", 1L, "no subscribed message within 30 s", 1L)));
    }

    @Test
    void aDuplicateIsReportedAndCountedOnce() {
        RoundFigures round = RoundFigures.of(SUBMIT, List.of(
                watcher(110, received(2, 140, 4), received(2, 141, 9), received(3, 150, 1, true))));
        assertThat(round.deliveries(), is(new long[] {1 * MS, 4 * MS}));
        assertThat(round.spreads(), is(new long[] {0, 0}));
        assertThat(round.problems(), is(Map.of("received an event twice", 1L)));
    }

    @Test
    void withNoWatcherAttachedNothingIsMeasured() {
        RoundFigures round = RoundFigures.of(SUBMIT, List.of(
                new WatcherLog(OptionalLong.empty(), List.of(), "open: ConnectException"),
                new WatcherLog(OptionalLong.empty(), List.of(), "open: ConnectException")));
        assertThat(round.measuredEvents(), is(0));
        assertThat(round.earlyEvents(), is(0));
        assertThat(round.deliveries().length, is(0));
        assertThat(round.missed(), is(2));
        assertThat(round.problems(), is(Map.of("open: ConnectException", 2L)));
    }

    static WatcherLog watcher(long attachedMs, Receipt... receipts) {
        return new WatcherLog(OptionalLong.of(attachedMs * MS), List.of(receipts), null);
    }

    static Receipt received(long seq, long atMs, long deliveryMs) {
        return received(seq, atMs, deliveryMs, false);
    }

    static Receipt received(long seq, long atMs, long deliveryMs, boolean terminal) {
        long wall = EPOCH + atMs * MS;
        return new Receipt(seq, atMs * MS, wall, wall - deliveryMs * MS, terminal);
    }
}
