package io.orderstream.server;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.orderstream.auth.AuthSettings;
import io.orderstream.config.ConfigKey;
import io.orderstream.worker.BackendSettings;
import io.orderstream.worker.EngineSettings;

import io.helidon.config.Config;

/**
 * Everything a gateway is configured with, read and checked once when the process starts: a value
 * out of range stops the start before anything opens, with the key's name in the message.
 *
 * @param http         the Helidon port
 * @param grpc         the Netty gRPC port
 * @param watch        how watchers are served
 * @param webSockets   how WebSocket sessions are kept
 * @param cursorSecret key that signs list page tokens; empty for a random one per process
 * @param auth         how callers are authenticated
 * @param backend      the database, the queue and Redis
 * @param worker       the in-process worker, or empty when the gateway runs none
 */
public record GatewaySettings(HttpSettings http,
                              GrpcSettings grpc,
                              WatchSettings watch,
                              WebSocketSettings webSockets,
                              Optional<String> cursorSecret,
                              AuthSettings auth,
                              BackendSettings backend,
                              Optional<EngineSettings> worker) {
    /** Whether the gateway runs a worker of its own. */
    public static final ConfigKey<Boolean> WORKER_ENABLED = ConfigKey.flag("orderstream.worker.enabled", true);
    /** Key of the HMAC that signs list page tokens; the same on every gateway that shares clients. */
    public static final ConfigKey<String> CURSOR_SECRET = ConfigKey.text("orderstream.cursor.secret");
    /** Every key a gateway reads, its own and those of every part. */
    public static final List<ConfigKey<?>> KEYS = Stream.of(
                    List.of(WORKER_ENABLED, CURSOR_SECRET), HttpSettings.KEYS, GrpcSettings.KEYS, WatchSettings.KEYS,
                    WebSocketSettings.KEYS, AuthSettings.KEYS, BackendSettings.KEYS, EngineSettings.KEYS)
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
                                   WatchSettings.create(config),
                                   WebSocketSettings.create(config),
                                   CURSOR_SECRET.find(config).filter(secret -> !secret.isBlank()),
                                   AuthSettings.create(config),
                                   BackendSettings.create(config),
                                   worker);
    }

    /** Without the cursor secret (the auth settings hide theirs). */
    @Override
    public String toString() {
        return "GatewaySettings[grpc=" + grpc + ", watch=" + watch + ", webSockets=" + webSockets
                + ", auth=" + auth + ", backend=" + backend + ", worker=" + worker + "]";
    }
}
