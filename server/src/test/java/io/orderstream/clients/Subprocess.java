package io.orderstream.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a client the way people run it: a separate process with a time limit, its output
 * (stdout and stderr together) kept in a file under {@code target/} for the test's messages.
 * A process that overruns is killed with all its children.
 */
final class Subprocess {
    private Subprocess() {
    }

    /** The repository root: the nearest directory above the working directory holding {@code clients/}. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("clients")) && Files.isDirectory(dir.resolve("proto"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
    }

    static Result run(List<String> command, Path workDir, Map<String, String> env, Duration timeout, String logName)
            throws IOException, InterruptedException {
        Path log = repoRoot().resolve("server/target/client-logs/" + logName + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return new Result(finished ? process.exitValue() : -1, !finished, output, String.join(" ", command));
    }

    /** How a process ended. */
    record Result(int exitCode, boolean timedOut, String output, String command) {
        /** A message for a failed assertion: the command, how it ended and what it printed. */
        String describe() {
            return "'" + command + "' " + (timedOut ? "timed out" : "exited " + exitCode) + "; output:\n" + output;
        }
    }
}
