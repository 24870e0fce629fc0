package io.orderstream.distributed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One gateway or worker as a real process: {@code java} with this JVM's class path (the test
 * class path under Surefire, which holds the server, the worker and their dependencies) and the
 * given environment, its output in a log file. The class path goes through an argument file, so
 * the command line stays short however long the class path is.
 */
public final class NodeProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a process.
     *
     * @param name      name of the node, also of its log file
     * @param mainClass class whose {@code main} runs
     * @param env       environment added to this process's own
     * @param jvmArgs   extra JVM options
     * @return the running process
     * @throws IOException when it cannot be started
     */
    public static NodeProcess start(String name, Class<?> mainClass, Map<String, String> env, List<String> jvmArgs)
            throws IOException {
        return start(name, mainClass, env, jvmArgs, List.of());
    }

    /**
     * Starts a process whose open-file limit ({@code ulimit -n}) is lower than this one's, as an
     * operator's might be: a shell lowers the limit, then becomes the JVM.
     *
     * @param name      name of the node, also of its log file
     * @param mainClass class whose {@code main} runs
     * @param env       environment added to this process's own
     * @param jvmArgs   extra JVM options
     * @param openFiles most file descriptors the process may hold
     * @return the running process
     * @throws IOException when it cannot be started
     */
    public static NodeProcess startWithOpenFileLimit(String name, Class<?> mainClass, Map<String, String> env,
                                                     List<String> jvmArgs, int openFiles) throws IOException {
        // The JVM's command follows as the shell's own arguments ("$0" "$@"): nothing is quoted twice.
        return start(name, mainClass, env, jvmArgs,
                     List.of("bash", "-c", "ulimit -n " + openFiles + " && exec \"$0\" \"$@\""));
    }

    /**
     * Starts a packaged jar as users start it: {@code java -jar}, with nothing of the test's class path.
     *
     * @param name name of the node, also of its log file
     * @param jar  the jar
     * @param env  environment added to this process's own
     * @return the running process
     * @throws IOException when it cannot be started
     */
    public static NodeProcess startJar(String name, Path jar, Map<String, String> env) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "dist-logs")).resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                                    "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new NodeProcess(name, builder.start(), log);
    }

    private static NodeProcess start(String name, Class<?> mainClass, Map<String, String> env, List<String> jvmArgs,
                                     List<String> launcher) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "dist-logs"));
        // One file per process: the launcher reads it after start() returns, so it is never rewritten.
        Path argFile = dir.resolve(name + ".args");
        // Quoted, as the argument-file syntax wants for paths that might hold spaces.
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"",
                          StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("@" + argFile.toAbsolutePath());
        command.add(mainClass.getName());
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new NodeProcess(name, builder.start(), log);
    }

    /**
     * The node's name.
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Process id.
     *
     * @return pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Whether it still runs.
     *
     * @return true while alive
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * What it logged so far.
     *
     * @return the log's text
     */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /**
     * Waits (bounded) until the log holds a line.
     *
     * @param text   what to wait for
     * @param millis longest wait
     * @return whether it appeared
     */
    public boolean awaitLog(String text, long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(100);
        }
        return log().contains(text);
    }

    /**
     * Waits (bounded) for the process to end by itself.
     *
     * @param millis longest wait
     * @return its exit status
     * @throws AssertionError when it is still running after the wait
     */
    public int awaitExit(long millis) throws InterruptedException {
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + millis + " ms");
        }
        return process.exitValue();
    }

    /**
     * SIGTERM, as an orchestrator stops a process, and waits for it to exit on its own.
     *
     * @param limit longest wait
     * @return how long it took to exit
     * @throws AssertionError when it is still running after {@code limit}
     */
    public Duration terminate(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError(this + " still runs " + limit.toSeconds() + " s after SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL, as a crash; waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
