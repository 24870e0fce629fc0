package io.orderstream.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

/**
 * What a window counts: throughput by arrival inside it, everything else by submit inside it,
 * and late orders ranked above every order that ended.
 */
class MeasurementTest {
    private static final long MS = 1_000_000L;
    private static final long START = 1_000 * MS;
    private static final long END = 2_000 * MS;

    @Test
    void throughputCountsArrivalsInTheWindow() {
        Measurement m = new Measurement(START, END, 0, Map.of(), List.of(
                confirmed(START - 10 * MS, 20 * MS),    // warm-up order ending inside: counted
                confirmed(START + 10 * MS, 20 * MS),
                confirmed(END - 5 * MS, 20 * MS),       // ends after the window: not counted
                confirmed(START - 100 * MS, 20 * MS)),  // ends before the window: not counted
                                        List.of());
        assertThat(m.ended(), is(2L));
        assertThat(m.perSecond(), closeTo(2.0, 1e-9));
    }

    @Test
    void percentilesRankLateOrdersLast() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= 98; i++) {
            outcomes.add(confirmed(START + i * MS, i * MS));
        }
        outcomes.add(new Outcome(Outcome.Kind.LATE, START + 200 * MS, START + 5_200 * MS, ""));
        outcomes.add(new Outcome(Outcome.Kind.LATE, START + 300 * MS, START + 5_300 * MS, ""));
        outcomes.add(new Outcome(Outcome.Kind.ERROR, START + 400 * MS, START + 401 * MS, "submit: HTTP 503"));
        Measurement m = new Measurement(START, END, 0, Map.of(), outcomes, List.of());
        assertThat(m.percentileMillis(50), closeTo(50.0, 1e-9));
        assertThat(m.percentileMillis(98), closeTo(98.0, 1e-9));
        assertThat(m.percentileMillis(99), is(Double.POSITIVE_INFINITY));
        assertThat(m.late(), is(2L));
        assertThat(m.errors(), is(1L));
        assertThat(m.errorCounts(), is(Map.of("submit: HTTP 503", 1L)));
    }

    @Test
    void ordersSubmittedOutsideTheWindowAreNotItsSamples() {
        Measurement m = new Measurement(START, END, 0, Map.of(), List.of(
                new Outcome(Outcome.Kind.LATE, START - MS, START + 4_999 * MS, ""),
                new Outcome(Outcome.Kind.ERROR, END, END + MS, "watch: closed 1011")),
                                        List.of());
        assertThat(m.late(), is(0L));
        assertThat(m.errors(), is(0L));
        assertThat(Double.isNaN(m.percentileMillis(50)), is(true));
    }

    @Test
    void clientCoresIsCpuPerWallSecond() {
        Measurement m = new Measurement(START, END, 500 * MS, Map.of(), List.of(), List.of());
        assertThat(m.clientCores(), closeTo(0.5, 1e-9));
    }

    @Test
    void cpuPerOrderDividesEachRoleByTheOrdersEnded() {
        Map<String, Long> servers = new LinkedHashMap<>();
        servers.put("gateways", 30 * MS);
        servers.put("postgres", 10 * MS);
        Measurement m = new Measurement(START, END, 20 * MS, servers, List.of(
                confirmed(START + 10 * MS, 20 * MS),
                confirmed(START + 20 * MS, 20 * MS)), List.of());
        assertThat(List.copyOf(m.cpuMillisPerOrder().keySet()), is(List.of("gateways", "postgres", "client")));
        assertThat(m.cpuMillisPerOrder().get("gateways"), closeTo(15.0, 1e-9));
        assertThat(m.cpuMillisPerOrder().get("postgres"), closeTo(5.0, 1e-9));
        assertThat(m.cpuMillisPerOrder().get("client"), closeTo(10.0, 1e-9));
        assertThat(new Measurement(START, END, 20 * MS, servers, List.of(), List.of()).cpuMillisPerOrder(),
                   is(Map.of()));
    }

    private static Outcome confirmed(long submitted, long latency) {
        return new Outcome(Outcome.Kind.CONFIRMED, submitted, submitted + latency, "");
    }
}
