package io.orderstream.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/**
 * docs/OPERATIONS.md's table of metrics and a gateway's {@code /observe/metrics} agree: every
 * {@code orderstream_} metric family the gateway (with its in-process worker) exposes is a row,
 * and every row is one it exposes. Each meter is registered at start, so a fresh gateway shows
 * them all.
 */
class MetricsDocsTest {
    private static final Path OPERATIONS = Path.of("..", "docs", "OPERATIONS.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(orderstream_[a-z_]+)` \\|", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("^# TYPE (orderstream_[a-z_]+) (\\w+)$", Pattern.MULTILINE);

    @Test
    void theTableListsExactlyTheMetricsTheGatewayExposes() throws Exception {
        Set<String> exposed = new TreeSet<>();
        try (TestGateway gateway = TestGateway.start()) {
            String scrape = new RestClient(gateway.http()).get("/observe/metrics").text();
            Matcher family = TYPE.matcher(scrape);
            while (family.find()) {
                exposed.add(family.group(1));
            }
            // A histogram's _max gauge is part of it, as the table says once above.
            family.reset();
            while (family.find()) {
                if (family.group(2).equals("histogram")) {
                    exposed.remove(family.group(1) + "_max");
                }
            }
        }
        assertThat(exposed, hasItems("orderstream_orders_submitted_total", "orderstream_order_step_seconds"));
        assertThat(documented(), is(exposed));
    }

    private static Set<String> documented() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher row = ROW.matcher(Files.readString(OPERATIONS));
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }
}
