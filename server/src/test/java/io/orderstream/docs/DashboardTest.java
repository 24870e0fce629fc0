package io.orderstream.docs;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderstream.testing.PrometheusText;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * The Grafana dashboard ({@code docs/grafana/orderstream.json}) queries only metrics that exist:
 * every metric name in its panels' PromQL is a sample a gateway serves on {@code /observe/metrics}
 * (with an administrator's token, as Prometheus scrapes a gateway in {@code jwt} mode). The
 * gateway runs its in-process worker, so its scrape holds the worker's meters as well, the same
 * ones a stand-alone worker serves. And every {@code orderstream_} metric in docs/OPERATIONS.md
 * has a panel.
 */
class DashboardTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "orderstream.json");
    private static final Path OPERATIONS = Path.of("..", "docs", "OPERATIONS.md");
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(orderstream_[a-z_]+)` \\|", Pattern.MULTILINE);

    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    // A name not inside a number (1e3), a Grafana variable ($__rate_interval) or a longer name;
    // followed by "(" it is a function.
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
                                                       "on", "ignoring", "group_left", "group_right", "inf", "nan");
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";

    @TempDir
    Path dir;

    @Test
    void metricNamesAreReadFromPromQl() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, step) (rate("
                                       + "orderstream_order_step_seconds_bucket{scope=\"application\"}[$__rate_interval])))"),
                   is(Set.of("orderstream_order_step_seconds_bucket")));
        assertThat(metricNames("sum(rate(a_total[5m])) / ignoring (x) sum(b_total offset 1h) > 1e3 and on(job) up"),
                   is(Set.of("a_total", "b_total", "up")));
        assertThat(metricNames("max(orderstream_queue_oldest_wait_seconds) > 60"),
                   is(Set.of("orderstream_queue_oldest_wait_seconds")));
    }

    @Test
    void everyQueryOfTheDashboardNamesMetricsTheGatewayServes() throws Exception {
        List<String> queries = queries();
        Set<String> used = new TreeSet<>();
        queries.forEach(query -> used.addAll(metricNames(query)));
        assertThat(queries.size(), greaterThan(20));

        PrometheusText scrape;
        try (TestGateway gateway = TestGateway.start(Tokens.jwtMode(dir))) {
            RestClient rest = new RestClient(gateway.http());
            // An order through, so that no series waits for its first value.
            RestClient.Reply submitted = rest.post(rest.request("/api/orders/execute")
                    .header("Authorization", "Bearer " + Tokens.token("trader", "orders:write"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
            assertThat(submitted.text(), submitted.status(), is(200));
            assertThat("metrics are for administrators", rest.get("/observe/metrics").status(), is(401));
            RestClient.Reply metrics = rest.post(rest.request("/observe/metrics")
                    .header("Authorization", "Bearer " + Tokens.token("prometheus", "orders:admin")).GET());
            assertThat(metrics.status(), is(200));
            scrape = PrometheusText.parse(metrics.text());
        }
        Set<String> served = new TreeSet<>(scrape.names());
        List<String> missing = used.stream().filter(name -> !served.contains(name)).toList();
        assertThat("queried by docs/grafana/orderstream.json but not served: " + missing, missing, is(empty()));

        List<String> withoutPanel = documented().stream()
                .filter(family -> used.stream().noneMatch(name -> name.equals(family) || name.startsWith(family + "_")))
                .toList();
        assertThat("in docs/OPERATIONS.md but on no panel of docs/grafana/orderstream.json: " + withoutPanel,
                   withoutPanel, is(empty()));
    }

    /** Every PromQL query of the dashboard: each panel target's {@code expr}. */
    private static List<String> queries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            assertThat("an expr is PromQL text: " + expr, expr.isTextual() && !expr.asText().isBlank(), is(true));
            queries.add(expr.asText());
        }
        return queries;
    }

    /** The metric names a PromQL query selects: not its functions, keywords, labels or variables. */
    static Set<String> metricNames(String query) {
        String bare = STRING.matcher(query).replaceAll(" ");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        bare = LABEL_LIST.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (name.group(2) == null && !KEYWORDS.contains(name.group(1).toLowerCase(java.util.Locale.ROOT))) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    private static Set<String> documented() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher row = DOCUMENTED.matcher(Files.readString(OPERATIONS));
        while (row.find()) {
            names.add(row.group(1));
        }
        assertThat(names.size(), greaterThan(10));
        return names;
    }
}
