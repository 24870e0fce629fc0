package io.orderstream.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.helidon.logging.common.LogConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * A process asked to end (SIGTERM) logs its whole stop, however the JVM orders its shutdown
 * hooks: the JDK's, which closes the log handlers, and Helidon's, which runs the stop. Each run
 * orders them anew, and before the handlers were kept open for the stop about half of the runs
 * lost its lines, so several processes are stopped here.
 */
class OnShutdownTest {
    private static final int PROCESSES = 6;
    private static final String READY = "probe ready";
    private static final String STOPPED = "probe stopped after its drain";

    @Test
    void everyLineOfTheStopIsLoggedWhenTheProcessIsTerminated(@TempDir Path dir) throws Exception {
        for (int i = 0; i < PROCESSES; i++) {
            Path log = dir.resolve("probe-" + i + ".log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                                 "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                awaitLine(log, READY, process);
                process.destroy();
                assertThat("probe " + i + " exits after SIGTERM", process.waitFor(30, TimeUnit.SECONDS), is(true));
                assertThat("probe " + i, Files.readString(log, StandardCharsets.UTF_8), containsString(STOPPED));
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static void awaitLine(Path log, String line, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
            assertThat("the probe is running", process.isAlive(), is(true));
            assertThat("the probe started within 30 s", System.nanoTime() < deadline, is(true));
            Thread.sleep(20);
        }
    }

    /** A process with logging set up as the gateway's and the worker's, whose stop takes a moment and logs. */
    static final class Probe {
        private static final Logger LOG = Logger.getLogger(Probe.class.getName());
        private static final int OTHER_HOOKS = 200;

        public static void main(String[] args) throws InterruptedException {
            LogConfig.configureRuntime();
            // The JVM starts its hooks one by one in no set order: the more there are, the likelier
            // the JDK's closes the handlers before Helidon's has started (a gateway has a few:
            // the database's, Netty's, the tracer's). Idle ones widen that window here.
            for (int i = 0; i < OTHER_HOOKS; i++) {
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> { }));
            }
            OnShutdown.run(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LOG.info(STOPPED);
            }, Duration.ofSeconds(5));
            LOG.info(READY);
            Thread.sleep(Duration.ofMinutes(1));
        }
    }
}
