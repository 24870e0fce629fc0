package io.orderstream.bench;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static io.orderstream.bench.RoundFiguresTest.received;
import static io.orderstream.bench.RoundFiguresTest.watcher;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * A row of the fan-out table: spreads and deliveries pooled over rounds, percentiles by nearest
 * rank, counts summed.
 */
class FanOutMeasurementTest {
    private static final long MS = 1_000_000L;

    @Test
    void percentilesPoolEveryRound() {
        // Round one: spreads 1 and 2 ms; round two: 3 and 40 ms. Deliveries 1..8 ms.
        RoundFigures first = RoundFigures.of(0, List.of(
                watcher(10, received(2, 20, 1), received(3, 30, 3, true)),
                watcher(10, received(2, 21, 2), received(3, 32, 4, true))));
        RoundFigures second = RoundFigures.of(0, List.of(
                watcher(25, received(1, 5, 9), received(2, 50, 5), received(3, 60, 7, true)),
                watcher(20, received(1, 6, 9), received(2, 53, 6), received(3, 100, 8, true))));
        FanOutMeasurement m = new FanOutMeasurement(List.of(first, second), List.of());
        assertThat(m.rounds(), is(2));
        assertThat(m.watchers(), is(2));
        assertThat(m.measuredEvents(), is(4));
        assertThat(m.earlyEvents(), is(1));
        assertThat(m.spreadMillis(50), closeTo(2.0, 1e-9));
        assertThat(m.spreadMillis(99), closeTo(40.0, 1e-9));
        assertThat(m.deliveryMillis(50), closeTo(4.0, 1e-9));
        assertThat(m.deliveryMillis(99), closeTo(8.0, 1e-9));
        assertThat(m.slowestAttachMillis(), is(OptionalLong.of(25)));
        assertThat(m.missed(), is(0));
    }

    @Test
    void missesAndProblemsAddUpOverRounds() {
        RoundFigures first = RoundFigures.of(0, List.of(
                watcher(10, received(2, 20, 1), received(3, 30, 1, true)),
                new WatcherLog(OptionalLong.of(10 * MS), List.of(received(2, 20, 1)), "closed 1013 too slow")));
        RoundFigures second = RoundFigures.of(0, List.of(
                new WatcherLog(OptionalLong.empty(), List.of(), "open: HttpTimeoutException"),
                new WatcherLog(OptionalLong.empty(), List.of(), "closed 1013 too slow")));
        FanOutMeasurement m = new FanOutMeasurement(List.of(first, second), List.of("round 3: submit: HTTP 503"));
        assertThat(m.missed(), is(3));
        assertThat(m.problems().keySet(), contains("closed 1013 too slow", "open: HttpTimeoutException"));
        assertThat(m.problems(), is(Map.of("closed 1013 too slow", 2L, "open: HttpTimeoutException", 1L)));
        assertThat(m.slowestAttachMillis(), is(OptionalLong.empty()));
        assertThat(m.notes(), contains("round 3: submit: HTTP 503"));
    }

    @Test
    void nothingMeasuredHasNoPercentiles() {
        FanOutMeasurement m = new FanOutMeasurement(List.of(), List.of("round 1: submit: HTTP 503"));
        assertThat(m.rounds(), is(0));
        assertThat(Double.isNaN(m.deliveryMillis(50)), is(true));
        assertThat(Double.isNaN(m.spreadMillis(99)), is(true));
        assertThat(m.slowestAttachMillis(), is(OptionalLong.empty()));
    }
}
