package io.orderstream.docs;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.orderstream.config.ConfigKey;
import io.orderstream.server.GatewaySettings;
import io.orderstream.worker.BackendSettings;
import io.orderstream.worker.DrainSettings;
import io.orderstream.worker.EngineSettings;
import io.orderstream.worker.WorkerHttpSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * The README's configuration table and the code agree: every key the code reads is a row, every
 * {@code orderstream} row is a key the code reads, each default the table states (in parentheses)
 * is the code's, and each environment variable is the one Helidon maps to the key. The table's
 * {@code server.*} rows are Helidon's own keys: their defaults are the gateway's
 * {@code application.yaml}.
 */
class ConfigDocsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path GATEWAY_YAML = Path.of("src", "main", "resources", "application.yaml");
    private static final Path WORKER_YAML = Path.of("..", "worker", "src", "main", "resources", "application.yaml");
    /** {@code (default 64; …)}, {@code (200 ms, doubling)}, {@code (default `orderstream`)}. */
    private static final Pattern DEFAULT = Pattern.compile(
            "\\((?:default )?(?:([0-9][0-9.]*)(?: ?(?:ms|s))?|`([^`]+)`)(?:[;,][^)]*)?\\)");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyKeyTheCodeReadsIsDocumented() throws IOException {
        Map<String, Row> documented = table();
        List<String> undocumented = codeKeys().keySet().stream()
                .filter(key -> !documented.containsKey(key))
                .toList();
        assertThat("keys missing from README.md's configuration table", undocumented, is(empty()));
    }

    @Test
    void everyDocumentedKeyIsReadWithTheDocumentedDefault() throws IOException {
        Map<String, ConfigKey<?>> code = codeKeys();
        Config gatewayYaml = Config.just(ConfigSources.file(GATEWAY_YAML));
        List<String> wrong = new ArrayList<>();
        table().forEach((key, row) -> {
            if (key.startsWith("server.")) {
                Optional<String> value = gatewayYaml.get(key).asString().asOptional();
                row.defaultValue().filter(documented -> !value.map(set -> same(documented, set)).orElse(false))
                        .ifPresent(documented -> wrong.add(key + ": README says " + documented
                                                                   + ", application.yaml " + value.orElse("nothing")));
            } else if (!code.containsKey(key)) {
                wrong.add(key + ": documented, but no settings record reads it");
            } else {
                Optional<String> actual = code.get(key).defaultText();
                row.defaultValue().filter(documented -> !actual.map(text -> same(documented, text)).orElse(false))
                        .ifPresent(documented -> wrong.add(key + ": README says " + documented + ", the code "
                                                                   + actual.orElse("has none")));
            }
            row.environment().filter(variable -> !variable.equals(environment(key)))
                    .ifPresent(variable -> wrong.add(key + ": README says " + variable + ", Helidon maps "
                                                             + environment(key)));
        });
        assertThat("README.md's configuration table against the code", wrong, is(empty()));
    }

    /**
     * What a worker process shares with a gateway, it reads under the same keys; only its HTTP
     * port's ({@link WorkerHttpSettings}) are its own.
     */
    @Test
    void theWorkerReadsNoKeyTheGatewayDoesNot() {
        List<String> gateway = GatewaySettings.KEYS.stream().map(ConfigKey::name).toList();
        for (ConfigKey<?> key : BackendSettings.KEYS) {
            assertThat(gateway, hasItem(key.name()));
        }
        for (ConfigKey<?> key : EngineSettings.KEYS) {
            assertThat(gateway, hasItem(key.name()));
        }
        for (ConfigKey<?> key : DrainSettings.KEYS) {
            assertThat(gateway, hasItem(key.name()));
        }
    }

    @Test
    void theApplicationFilesSetOnlyKeysTheCodeReads() {
        Map<String, ConfigKey<?>> code = codeKeys();
        for (Path yaml : List.of(GATEWAY_YAML, WORKER_YAML)) {
            List<String> unknown = leaves(Config.just(ConfigSources.file(yaml)).get("orderstream")).stream()
                    .filter(key -> !code.containsKey(key))
                    .toList();
            assertThat("keys in " + yaml + " that nothing reads", unknown, is(empty()));
        }
    }

    private static Map<String, ConfigKey<?>> codeKeys() {
        Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        GatewaySettings.KEYS.forEach(key -> keys.put(key.name(), key));
        WorkerHttpSettings.KEYS.forEach(key -> keys.put(key.name(), key));
        return keys;
    }

    /** The rows of the table under README's "## Configuration", one entry per key. */
    private static Map<String, Row> table() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n## Configuration");
        int end = readme.indexOf("\n## ", start + 1);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", 3);
            List<String> keys = expand(codes(cells[0]));
            List<String> variables = codes(cells[1]);
            List<String> defaults = defaults(cells[2]);
            assertThat("defaults in the row of " + keys + ": " + defaults, defaults.size() <= keys.size(), is(true));
            for (int i = 0; i < keys.size(); i++) {
                Optional<String> variable = i < variables.size() && !variables.get(i).startsWith("_")
                        ? Optional.of(variables.get(i)) : Optional.empty();
                Optional<String> defaultValue = i < defaults.size() ? Optional.of(defaults.get(i)) : Optional.empty();
                assertThat("a key documented twice: " + keys.get(i),
                           rows.put(keys.get(i), new Row(variable, defaultValue)) == null, is(true));
            }
        }
        return rows;
    }

    /** {@code `a.b.c` / `.d`} names {@code a.b.c} and {@code a.b.d}. */
    private static List<String> expand(List<String> names) {
        List<String> keys = new ArrayList<>();
        String first = names.getFirst();
        keys.add(first);
        for (String suffix : names.subList(1, names.size())) {
            keys.add(first.substring(0, first.lastIndexOf('.')) + suffix);
        }
        return keys;
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    private static List<String> defaults(String cell) {
        List<String> defaults = new ArrayList<>();
        Matcher matcher = DEFAULT.matcher(cell);
        while (matcher.find()) {
            defaults.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return defaults;
    }

    private static boolean same(String documented, String actual) {
        try {
            return new BigDecimal(documented).compareTo(new BigDecimal(actual)) == 0;
        } catch (NumberFormatException notNumbers) {
            return documented.equals(actual);
        }
    }

    /** Helidon's mapping: {@code a.b-c} is set by {@code A_B_dash_C}. */
    private static String environment(String key) {
        return Arrays.stream(key.split("-"))
                .map(part -> part.replace('.', '_').toUpperCase(Locale.ROOT))
                .collect(Collectors.joining("_dash_"));
    }

    private static TreeSet<String> leaves(Config node) {
        TreeSet<String> keys = new TreeSet<>();
        node.traverse().filter(Config::isLeaf).forEach(leaf -> keys.add(leaf.key().toString()));
        return keys;
    }

    private record Row(Optional<String> environment, Optional<String> defaultValue) {
    }
}
