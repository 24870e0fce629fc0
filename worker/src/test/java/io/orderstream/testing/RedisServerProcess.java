package io.orderstream.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A private {@code redis-server} on a free port, for tests that take Redis away and bring it back.
 * Started by the test and stopped by the test, by its own process handle; the shared Redis is never
 * touched.
 */
public final class RedisServerProcess implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(10);

    private final int port;
    private final Path workDir;
    private Process process;

    private RedisServerProcess(int port, Path workDir) {
        this.port = port;
        this.workDir = workDir;
    }

    /**
     * Starts a server on a free port.
     *
     * @return the running server
     * @throws IOException when no port or directory is to be had
     * @throws InterruptedException when interrupted while waiting for it
     */
    public static RedisServerProcess start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RedisServerProcess server = new RedisServerProcess(port, Files.createTempDirectory("ostest-redis"));
        server.startProcess();
        return server;
    }

    /**
     * The address clients use.
     *
     * @return {@code redis://127.0.0.1:port}
     */
    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Kills the server (SIGKILL, as a crash would), and waits until it is gone.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                fail("redis-server pid " + process.pid() + " did not stop");
            }
        }
        process = null;
    }

    /**
     * Starts the server again on the same port, empty.
     *
     * @throws IOException when it cannot be started
     * @throws InterruptedException when interrupted while waiting for it
     */
    public void restart() throws IOException, InterruptedException {
        kill();
        startProcess();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            kill();
        } finally {
            File[] files = workDir.toFile().listFiles();
            if (files != null) {
                for (File file : files) {
                    Files.deleteIfExists(file.toPath());
                }
            }
            Files.deleteIfExists(workDir);
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        List<String> command = List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                                       "--save", "", "--appendonly", "no", "--dir", workDir.toString());
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            fail("Cannot run redis-server (" + e.getMessage() + "): install Redis 6.2 or later "
                         + "(apt-get install redis-server) so that redis-server is on the PATH", e);
            return;
        }
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if ("PONG".equals(RawRedis.command(address(), "PING"))) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
                Thread.sleep(50);
            }
            if (!process.isAlive()) {
                fail("redis-server exited with " + process.exitValue() + "; see " + workDir.resolve("redis.log"));
            }
        }
        process.destroyForcibly();
        fail("redis-server did not answer on port " + port + " within " + START_LIMIT);
    }
}
