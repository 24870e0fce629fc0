package io.orderstream.worker;

import java.util.List;

import io.helidon.webserver.WebServer;

/**
 * A stand-alone worker's own small HTTP port: {@code /observe/health} (readiness follows the
 * database and Redis) and {@code /observe/metrics}, nothing else.
 */
public final class WorkerHttp implements AutoCloseable {
    private final WebServer server;

    private WorkerHttp(WebServer server) {
        this.server = server;
    }

    /**
     * Starts serving.
     *
     * @param settings     where
     * @param dependencies what readiness checks
     * @param draining     whether the worker drains, also read by readiness
     * @return the running server
     */
    public static WorkerHttp start(WorkerHttpSettings settings, List<Dependency> dependencies, Draining draining) {
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // The worker's own hook stops this server once the drain is over; Helidon's would
                // stop it at the first signal, while probes still need to read "draining".
                .shutdownHook(false)
                .addFeature(ObserveEndpoints.feature(dependencies, draining))
                .build()
                .start();
        return new WorkerHttp(server);
    }

    /**
     * The port it listens on; the one chosen when the settings said 0.
     *
     * @return port
     */
    public int port() {
        return server.port();
    }

    /**
     * Where the endpoints are.
     *
     * @return e.g. {@code http://127.0.0.1:41234/observe}
     */
    public String observeUrl() {
        String host = server.prototype().host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/observe";
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.stop();
    }
}
