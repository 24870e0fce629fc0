package io.orderstream.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import io.orderstream.config.ConfigKey;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;

/**
 * The gateway's TLS identity: its certificate chain and the private key of the first certificate,
 * read from the PEM files of {@link TlsSettings} with Helidon's PEM reader and checked to belong
 * together, once, before any port opens. Both ports present this same identity.
 */
public final class TlsIdentity {
    private static final Logger LOG = Logger.getLogger(TlsIdentity.class.getName());
    private static final byte[] CHALLENGE = "orderstream: does this key sign for this certificate?"
            .getBytes(StandardCharsets.US_ASCII);
    private static final String CONVERT = "openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem";

    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private TlsIdentity(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /**
     * Reads and checks the identity when TLS is configured.
     *
     * @param settings where the files are
     * @return the identity, or empty when the ports are to stay plaintext
     * @throws IllegalArgumentException in one line naming the key at fault, when a file is missing
     *                                  or unreadable, holds no PEM certificate or key, or the key is
     *                                  not the first certificate's
     */
    public static Optional<TlsIdentity> load(TlsSettings settings) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Path certFile = settings.certificateChain().orElseThrow();
        Path keyFile = settings.privateKey().orElseThrow();
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        X509Certificate own = chain.getFirst();
        if (!signsFor(key, own.getPublicKey())) {
            throw new IllegalArgumentException(TlsSettings.KEY.name() + " does not match " + TlsSettings.CERT.name()
                    + ": " + keyFile + " is not the private key of the first certificate in " + certFile + " ("
                    + own.getSubjectX500Principal().getName() + "), which must be the gateway's own");
        }
        warnIfNotValidNow(own, certFile);
        return Optional.of(new TlsIdentity(chain, key));
    }

    /**
     * The certificate chain, the gateway's own certificate first.
     *
     * @return chain
     */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /**
     * The private key of the first certificate.
     *
     * @return key
     */
    public PrivateKey privateKey() {
        return key;
    }

    /**
     * Helidon's TLS configuration of a listener with this identity; Helidon adds ALPN ({@code h2},
     * {@code http/1.1}) from the protocols the listener serves.
     *
     * @return TLS for {@code WebServerConfig.Builder.tls}
     */
    public Tls helidonTls() {
        return Tls.builder()
                .privateKey(key)
                .privateKeyCertChain(chain)
                .build();
    }

    private static List<X509Certificate> certificates(Path file) {
        Resource pem = read(TlsSettings.CERT, file);
        try {
            return Keys.builder().pem(keys -> keys.certChain(pem)).build().certChain();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(TlsSettings.CERT.name() + ": " + file + " holds no PEM certificate "
                    + "chain (" + reason(e) + "); expected '-----BEGIN CERTIFICATE-----' blocks, the gateway's "
                    + "own first");
        }
    }

    private static PrivateKey privateKey(Path file) {
        Resource pem = read(TlsSettings.KEY, file);
        try {
            return Keys.builder().pem(keys -> keys.key(pem)).build().privateKey()
                    .orElseThrow(() -> new IllegalStateException("no key found"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(TlsSettings.KEY.name() + ": " + file + " holds no unencrypted PKCS#8 "
                    + "PEM private key (" + reason(e) + "); convert one with '" + CONVERT + "'");
        }
    }

    private static Resource read(ConfigKey<String> key, Path file) {
        try {
            return Resource.create(file.toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(key.name() + ": there is no file " + file);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(key.name() + ": " + file + " cannot be read (permission denied)");
        } catch (IOException e) {
            throw new IllegalArgumentException(key.name() + ": " + file + " cannot be read (" + e + ")");
        }
    }

    /**
     * Whether the key signs what the certificate's public key verifies, which is what a client's
     * handshake will check; comparing the keys' parameters instead would differ for each key type.
     */
    private static boolean signsFor(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException(TlsSettings.KEY.name() + ": a " + key.getAlgorithm()
                    + " key cannot serve TLS here; use an RSA or EC key");
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(CHALLENGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // an EC key on another curve than the certificate's, say
            return false;
        }
    }

    /** Clients refuse an expired certificate, but one being renewed must not stop the gateway. */
    private static void warnIfNotValidNow(X509Certificate own, Path file) {
        try {
            own.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            LOG.warning(() -> TlsSettings.CERT.name() + ": the certificate in " + file + " ("
                    + own.getSubjectX500Principal().getName() + ") is valid only from " + own.getNotBefore().toInstant()
                    + " to " + own.getNotAfter().toInstant() + "; clients that check it will refuse to connect");
        }
    }

    private static String reason(RuntimeException e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && (message == null || message.startsWith("Failed to load"))) {
            cause = cause.getCause();
            message = cause.getMessage();
        }
        // one line, whatever a parser put in its message
        return message == null ? cause.getClass().getSimpleName() : message.replaceAll("\\s+", " ").trim();
    }

    /** Names the files' subject, not the key. */
    @Override
    public String toString() {
        return "TlsIdentity[" + chain.getFirst().getSubjectX500Principal().getName() + ", " + chain.size()
                + " certificate(s)]";
    }
}
