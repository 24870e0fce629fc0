package io.orderstream.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Reads the event lines the Python and Node examples print ({@code seq=3   routing  30%  ...})
 * and checks them as a person reading them would: every step, in order, no seq missing or twice.
 */
final class EventLines {
    private static final Pattern EVENT_LINE = Pattern.compile("(?m)^seq=(\\d+) +(\\w+) ");
    private static final List<String> CONFIRMED_STEPS = List.of("pending", "routing", "building", "submitted",
                                                                "confirmed");

    private EventLines() {
    }

    /** Asserts the output shows seq 1, 2, 3, ... and the steps pending to confirmed in order. */
    static void assertConfirmedWithoutGaps(Subprocess.Result result) {
        List<Long> seqs = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        Matcher lines = EVENT_LINE.matcher(result.output());
        while (lines.find()) {
            seqs.add(Long.parseLong(lines.group(1)));
            if (steps.isEmpty() || !steps.getLast().equals(lines.group(2))) {
                steps.add(lines.group(2));
            }
        }
        assertThat(result.describe(), steps, is(CONFIRMED_STEPS));
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(result.describe(), seqs.get(i), is(i + 1L));
        }
    }
}
