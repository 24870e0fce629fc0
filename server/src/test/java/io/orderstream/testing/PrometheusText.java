package io.orderstream.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /observe/metrics} in Prometheus text, read into samples, as Prometheus
 * would: a name, its labels and a value per line.
 */
public final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    /**
     * Reads a scrape.
     *
     * @param text the endpoint's answer
     * @return its samples
     */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!sample.matches()) {
                throw new AssertionError("Not a Prometheus sample: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusText(samples);
    }

    /**
     * The value of the one sample of this name whose labels include these.
     *
     * @param name   sample name, e.g. {@code orderstream_orders_submitted_total}
     * @param labels label names and values, alternating
     * @return its value, or empty when there is no such sample
     * @throws AssertionError when several match
     */
    public OptionalDouble find(String name, String... labels) {
        List<Sample> matching = matching(name, labels);
        if (matching.size() > 1) {
            throw new AssertionError("Several samples " + name + " " + List.of(labels) + ": " + matching);
        }
        return matching.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matching.getFirst().value());
    }

    /**
     * The value of the one sample of this name whose labels include these, as a count.
     *
     * @param name   sample name
     * @param labels label names and values, alternating
     * @return its value
     * @throws AssertionError when there is none, or several, or its value is unknown (NaN)
     */
    public long count(String name, String... labels) {
        double value = find(name, labels).orElseThrow(
                () -> new AssertionError("No sample " + name + " " + List.of(labels)));
        if (Double.isNaN(value)) {
            throw new AssertionError("Sample " + name + " " + List.of(labels) + " is NaN");
        }
        return Math.round(value);
    }

    /**
     * The sum of every sample of this name whose labels include these.
     *
     * @param name   sample name
     * @param labels label names and values, alternating
     * @return the sum, 0 when none matches
     */
    public long sum(String name, String... labels) {
        return Math.round(matching(name, labels).stream().mapToDouble(Sample::value).sum());
    }

    /**
     * Whether any sample has this name.
     *
     * @param name sample name
     * @return true when one does
     */
    public boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }

    /**
     * The distinct names of the samples.
     *
     * @return names, in order of appearance
     */
    public List<String> names() {
        return samples.stream().map(Sample::name).distinct().toList();
    }

    private List<Sample> matching(String name, String... labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> {
                    for (int i = 0; i < labels.length; i += 2) {
                        if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList();
    }

    /**
     * One line of the scrape.
     *
     * @param name   sample name
     * @param labels its labels
     * @param value  its value
     */
    public record Sample(String name, Map<String, String> labels, double value) {
    }
}
