package io.orderstream.server;

import java.util.List;
import java.util.Optional;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * Where the Netty gRPC port listens (the same gRPC service as on the Helidon port, for clients on
 * gRPC's C core).
 *
 * @param host            address to bind; empty binds where the Helidon port does
 * @param port            port, 0 for any free one
 * @param sendBufferBytes socket send buffer of each connection; empty leaves the system's default
 * @param maxConnections  connections open at once; one accepted past it is closed at once
 */
public record GrpcSettings(Optional<String> host, int port, Optional<Integer> sendBufferBytes, int maxConnections) {
    /** Address to bind. */
    public static final ConfigKey<String> HOST = ConfigKey.text("orderstream.grpc.host");
    /** Port. */
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("orderstream.grpc.port", 9090);
    /** Socket send buffer in bytes. */
    public static final ConfigKey<Integer> SEND_BUFFER = ConfigKey.integer("orderstream.grpc.send.buffer.bytes");
    /** Connections open at once. */
    public static final ConfigKey<Integer> MAX_CONNECTIONS = ConfigKey.integer("orderstream.grpc.max.connections", 1000);
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT, SEND_BUFFER, MAX_CONNECTIONS);

    /**
     * Validates the settings.
     *
     * @param host            address, if not the Helidon port's
     * @param port            0 to 65535
     * @param sendBufferBytes positive, if set
     * @param maxConnections  at least 1
     */
    public GrpcSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT.name() + " must be from 0 to 65535, got " + port);
        }
        sendBufferBytes.filter(bytes -> bytes < 1).ifPresent(bytes -> {
            throw new IllegalArgumentException(SEND_BUFFER.name() + " must be positive, got " + bytes);
        });
        if (maxConnections < 1) {
            throw new IllegalArgumentException(MAX_CONNECTIONS.name() + " must be at least 1, got " + maxConnections);
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static GrpcSettings create(Config config) {
        return new GrpcSettings(HOST.find(config).filter(host -> !host.isBlank()), PORT.get(config),
                                SEND_BUFFER.find(config), MAX_CONNECTIONS.get(config));
    }
}
