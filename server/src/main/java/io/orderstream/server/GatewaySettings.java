package io.orderstream.server;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.orderstream.auth.AuthSettings;
import io.orderstream.config.ConfigKey;
import io.orderstream.limits.LimitSettings;
import io.orderstream.tls.TlsSettings;
import io.orderstream.logs.LogSettings;
import io.orderstream.tracing.TracingSettings;
import io.orderstream.worker.BackendSettings;
import io.orderstream.worker.DrainSettings;
import io.orderstream.worker.EngineSettings;

import io.helidon.config.Config;

/**
 * Everything a gateway is configured with, read and checked once when the process starts: a value
 * out of range stops the start before anything opens, with the key's name in the message.
 *
 * @param http         the Helidon port
 * @param grpc         the Netty gRPC port
 * @param tls          TLS on both ports, or plaintext
 * @param watch        how watchers are served
 * @param webSockets   how WebSocket sessions are kept
 * @param cursorSecret key that signs list page tokens; empty for a random one per process
 * @param auth         how callers are authenticated
 * @param limits       how much each caller may take
 * @param backend      the database, the queue and Redis
 * @param worker       the in-process worker, or empty when the gateway runs none
 * @param drain        how long a stop may take to hand work over
 * @param tracing      whether orders are traced (the exporter is OpenTelemetry's {@code OTEL_*})
 */
public record GatewaySettings(HttpSettings http,
                              GrpcSettings grpc,
                              TlsSettings tls,
                              WatchSettings watch,
                              WebSocketSettings webSockets,
                              Optional<String> cursorSecret,
                              AuthSettings auth,
                              LimitSettings limits,
                              BackendSettings backend,
                              Optional<EngineSettings> worker,
                              DrainSettings drain,
                              TracingSettings tracing) {
    /** Whether the gateway runs a worker of its own. */
    public static final ConfigKey<Boolean> WORKER_ENABLED = ConfigKey.flag("orderstream.worker.enabled", true);
    /** Key of the HMAC that signs list page tokens; the same on every gateway that shares clients. */
    public static final ConfigKey<String> CURSOR_SECRET = ConfigKey.text("orderstream.cursor.secret");
    /** Every key a gateway reads, its own and those of every part, and how {@link Main} logs. */
    public static final List<ConfigKey<?>> KEYS = Stream.of(
                    List.of(WORKER_ENABLED, CURSOR_SECRET), HttpSettings.KEYS, GrpcSettings.KEYS, TlsSettings.KEYS,
                    WatchSettings.KEYS, WebSocketSettings.KEYS, AuthSettings.KEYS, LimitSettings.KEYS,
                    BackendSettings.KEYS, EngineSettings.KEYS, DrainSettings.KEYS,
                    TracingSettings.KEYS, LogSettings.KEYS)
            .<ConfigKey<?>>flatMap(List::stream)
            .toList();

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static GatewaySettings create(Config config) {
        // A gateway without a worker leaves the engine's keys to the workers; they are not checked here.
        Optional<EngineSettings> worker = WORKER_ENABLED.get(config)
                ? Optional.of(EngineSettings.create(config))
                : Optional.empty();
        return new GatewaySettings(HttpSettings.create(config),
                                   GrpcSettings.create(config),
                                   TlsSettings.create(config),
                                   WatchSettings.create(config),
                                   WebSocketSettings.create(config),
                                   CURSOR_SECRET.find(config).filter(secret -> !secret.isBlank()),
                                   AuthSettings.create(config),
                                   LimitSettings.create(config),
                                   BackendSettings.create(config),
                                   worker,
                                   DrainSettings.create(config),
                                   TracingSettings.create(config));
    }

    /** Without the cursor secret (the auth settings hide theirs). */
    @Override
    public String toString() {
        return "GatewaySettings[grpc=" + grpc + ", tls=" + tls + ", watch=" + watch + ", webSockets=" + webSockets
                + ", auth=" + auth + ", limits=" + limits + ", backend=" + backend + ", worker=" + worker
                + ", drain=" + drain + ", tracing=" + tracing + "]";
    }
}
