package io.orderstream.distributed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a free loopback port, without persistence, that the test
 * may stop and start again on the same port. Only this process is ever stopped, by its pid.
 */
final class OwnRedis implements AutoCloseable {
    private final int port;
    private final Path log;
    private Process process;

    private OwnRedis(int port) throws IOException {
        this.port = port;
        this.log = Files.createDirectories(Path.of("target", "dist-logs")).resolve("redis-" + port + ".log");
    }

    /**
     * Starts one.
     *
     * @return the running server
     */
    static OwnRedis start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OwnRedis redis = new OwnRedis(port);
        redis.startProcess();
        return redis;
    }

    /**
     * Its address.
     *
     * @return {@code redis://127.0.0.1:port}
     */
    String address() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops it at once, as a crash does: everything it held is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts it again, empty, on the same port. */
    void restart() throws Exception {
        startProcess();
    }

    private void startProcess() throws Exception {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                                     "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
