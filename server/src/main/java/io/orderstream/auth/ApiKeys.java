package io.orderstream.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.orderstream.desk.Caller;
import io.orderstream.desk.Scope;

/**
 * Static API keys for services and scripts, from a properties file
 * ({@code orderstream.auth.apikeys.file}), one key a line:
 * <pre>
 * # key = subject scope[,scope...]
 * k7Hq2vR9xLw3Tz8bNc4Fy6 = reporting orders:read
 * </pre>
 * Keys are kept only as their SHA-256 digests: a lookup hashes what the client sent, so neither
 * the keys nor the time a comparison takes are held or shown here.
 * Thread-safe: immutable after loading.
 */
final class ApiKeys {
    /** Shortest key accepted: anything shorter can be guessed. */
    static final int MIN_KEY_LENGTH = 20;

    private final Map<String, Caller> byDigest;

    private ApiKeys(Map<String, Caller> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    /**
     * No keys.
     *
     * @return an empty key set
     */
    static ApiKeys none() {
        return new ApiKeys(Map.of());
    }

    /**
     * Reads a key file.
     *
     * @param file the properties file
     * @return the keys
     * @throws IllegalArgumentException when the file cannot be read, or a line is not a key with a
     *                                  subject and known scopes
     */
    static ApiKeys load(Path file) {
        Properties lines = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(AuthSettings.API_KEYS_FILE.name() + ": cannot read " + file + ": "
                                                       + e.getMessage(), e);
        }
        Map<String, Caller> keys = new HashMap<>();
        for (String key : lines.stringPropertyNames()) {
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException(AuthSettings.API_KEYS_FILE.name() + ": a key in " + file
                        + " is shorter than " + MIN_KEY_LENGTH + " characters");
            }
            keys.put(digest(key), caller(file, lines.getProperty(key)));
        }
        return new ApiKeys(keys);
    }

    /**
     * The caller of a key.
     *
     * @param key as the client sent it
     * @return its subject and scopes, or empty for an unknown key
     */
    Optional<Caller> find(String key) {
        return Optional.ofNullable(byDigest.get(digest(key)));
    }

    private static Caller caller(Path file, String value) {
        String[] parts = value.trim().split("\\s+", 2);
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException(AuthSettings.API_KEYS_FILE.name() + ": a key in " + file
                                                       + " has no subject (want: key = subject scope,scope)");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (parts.length > 1) {
            for (String name : parts[1].split("[,\\s]+")) {
                scopes.add(Scope.fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                        AuthSettings.API_KEYS_FILE.name() + ": unknown scope '" + name + "' in " + file + " (known: "
                                + Arrays.stream(Scope.values()).map(Scope::wireName).toList() + ")")));
            }
        }
        return new Caller(parts[0], scopes);
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
