package io.orderstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of another JVM by class, as {@code jcmd <pid> GC.class_histogram} reports them
 * after a full collection, and the resident memory of its process.
 *
 * @param classes  bytes and instances by class name
 * @param rssBytes the process's resident set, or -1 where {@code /proc} does not say
 */
record HeapHistogram(Map<String, Count> classes, long rssBytes) {
    // "   1:        123456       7890123  [B (java.base@25)"
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /**
     * Instances and their bytes.
     *
     * @param instances live instances
     * @param bytes     their shallow size
     */
    record Count(long instances, long bytes) {
    }

    /**
     * One class's growth between two histograms, per connection.
     *
     * @param name      class name as the JVM writes it ({@code [B} for byte arrays)
     * @param instances instances added per connection
     * @param bytes     bytes added per connection
     */
    record Growth(String name, double instances, double bytes) {
    }

    /**
     * Takes a histogram of a running JVM (which collects its garbage first).
     *
     * @param pid the JVM's process id
     * @return its live objects
     * @throws IOException when {@code jcmd} fails
     */
    static HeapHistogram of(long pid) throws IOException, InterruptedException {
        String text = jcmd(pid, "GC.class_histogram");
        Map<String, Count> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                classes.merge(row.group(3), new Count(Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
                              (a, b) -> new Count(a.instances + b.instances, a.bytes + b.bytes));
            }
        }
        if (classes.isEmpty()) {
            throw new IOException("jcmd " + pid + " GC.class_histogram gave no classes: " + text);
        }
        return new HeapHistogram(Map.copyOf(classes), rss(pid));
    }

    /**
     * Runs a full collection in another JVM, so that what survives it is old from then on.
     *
     * @param pid the JVM's process id
     * @throws IOException when {@code jcmd} fails
     */
    static void collect(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
    }

    /**
     * Live bytes in all.
     *
     * @return bytes
     */
    long liveBytes() {
        return classes.values().stream().mapToLong(Count::bytes).sum();
    }

    /**
     * What grew since an earlier histogram, per connection, largest first.
     *
     * @param before      the earlier histogram
     * @param connections connections added in between
     * @return every class that grew
     */
    List<Growth> grownSince(HeapHistogram before, int connections) {
        Set<String> names = new HashSet<>(classes.keySet());
        names.addAll(before.classes.keySet());
        List<Growth> grown = new ArrayList<>();
        for (String name : names) {
            Count now = classes.getOrDefault(name, new Count(0, 0));
            Count then = before.classes.getOrDefault(name, new Count(0, 0));
            if (now.bytes > then.bytes) {
                grown.add(new Growth(name, (now.instances - then.instances) / (double) connections,
                                     (now.bytes - then.bytes) / (double) connections));
            }
        }
        grown.sort(Comparator.comparingDouble(Growth::bytes).reversed());
        return grown;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
                .redirectErrorStream(true)
                .start();
        String text;
        try (InputStream out = process.getInputStream()) {
            text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " exited with " + process.exitValue() + ": " + text);
        }
        return text;
    }

    private static long rss(long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
