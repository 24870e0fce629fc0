package io.orderstream.tls;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * Where the gateway's TLS certificate chain and private key are: both set turn TLS on for both
 * ports (the Helidon port and the Netty gRPC port); neither leaves them plaintext.
 *
 * @param certificateChain PEM file of the certificate chain, the gateway's own certificate first
 * @param privateKey       PEM file of that certificate's private key (PKCS#8, unencrypted)
 */
public record TlsSettings(Optional<Path> certificateChain, Optional<Path> privateKey) {
    /** PEM certificate chain. */
    public static final ConfigKey<String> CERT = ConfigKey.text("orderstream.tls.cert");
    /** PEM private key. */
    public static final ConfigKey<String> KEY = ConfigKey.text("orderstream.tls.key");
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(CERT, KEY);

    /**
     * Validates the settings: both files or neither.
     *
     * @param certificateChain if set, with {@code privateKey}
     * @param privateKey       if set, with {@code certificateChain}
     */
    public TlsSettings {
        if (certificateChain.isPresent() != privateKey.isPresent()) {
            ConfigKey<String> set = certificateChain.isPresent() ? CERT : KEY;
            ConfigKey<String> unset = certificateChain.isPresent() ? KEY : CERT;
            throw new IllegalArgumentException(set.name() + " is set but " + unset.name() + " is not: TLS needs "
                    + "both the certificate chain (" + CERT.name() + ") and its private key (" + KEY.name() + ")");
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when only one of the two files is set, or a path is not one
     */
    public static TlsSettings create(Config config) {
        return new TlsSettings(path(config, CERT), path(config, KEY));
    }

    /**
     * Whether the ports serve TLS.
     *
     * @return true when both files are set
     */
    public boolean enabled() {
        return certificateChain.isPresent();
    }

    private static Optional<Path> path(Config config, ConfigKey<String> key) {
        Optional<String> text = key.find(config).map(String::trim).filter(value -> !value.isEmpty());
        try {
            return text.map(Path::of);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key.name() + " must be a file path, got '" + text.get() + "'");
        }
    }
}
