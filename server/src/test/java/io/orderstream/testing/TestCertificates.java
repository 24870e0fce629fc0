package io.orderstream.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Self-signed certificates made at run time, for {@code 127.0.0.1} and {@code localhost}, written
 * as the PEM files an operator gives the gateway, and the client side that trusts them.
 */
public final class TestCertificates {
    private TestCertificates() {
    }

    /**
     * A certificate and its key on disk.
     *
     * @param certificate PEM certificate
     * @param privateKey  PEM private key, PKCS#8
     * @param x509        the certificate itself
     */
    public record Pem(Path certificate, Path privateKey, X509Certificate x509) {
    }

    /**
     * Makes a key pair and a self-signed certificate for it, valid from an hour ago for a day.
     *
     * @param dir       where the files go
     * @param name      file name stem
     * @param algorithm {@code EC} (P-256) or {@code RSA} (2048 bits)
     * @return the files
     */
    public static Pem selfSigned(Path dir, String name, String algorithm) throws IOException {
        Instant now = Instant.now();
        return selfSigned(dir, name, algorithm, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    /**
     * Makes a key pair and a self-signed certificate for it, valid between two instants.
     *
     * @param dir       where the files go
     * @param name      file name stem
     * @param algorithm {@code EC} (P-256) or {@code RSA} (2048 bits)
     * @param notBefore start of validity
     * @param notAfter  end of validity
     * @return the files
     */
    public static Pem selfSigned(Path dir, String name, String algorithm, Instant notBefore, Instant notAfter)
            throws IOException {
        try {
            KeyPair pair = keyPair(algorithm);
            X500Name subject = new X500Name("CN=orderstream test " + name);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject, BigInteger.valueOf(System.nanoTime() & Long.MAX_VALUE), Date.from(notBefore),
                    Date.from(notAfter), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            // Its own issuer: clients take it as the root they trust.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            String signature = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
            Path certFile = dir.resolve(name + ".crt");
            Path keyFile = dir.resolve(name + ".key");
            writePem(certFile, new JcaMiscPEMGenerator(certificate));
            writePem(keyFile, new JcaPKCS8Generator(pair.getPrivate(), null));
            return new Pem(certFile, keyFile, certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make a test certificate", e);
        }
    }

    /**
     * Writes a key in the traditional OpenSSL form ({@code BEGIN EC PRIVATE KEY}), not PKCS#8.
     *
     * @param file      where
     * @param algorithm {@code EC} or {@code RSA}
     */
    public static void traditionalKey(Path file, String algorithm) throws IOException {
        try {
            writePem(file, new JcaMiscPEMGenerator(keyPair(algorithm).getPrivate()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a test key", e);
        }
    }

    /**
     * A client TLS context that trusts this one certificate and nothing else.
     *
     * @param pem the certificate
     * @return context for the JDK's HTTP and WebSocket client
     */
    public static SSLContext trusting(Pem pem) {
        try {
            KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            roots.setCertificateEntry("gateway", pem.x509());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(roots);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot trust the test certificate", e);
        }
    }

    private static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("EC") ? 256 : 2048);
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, PemObjectGenerator object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
