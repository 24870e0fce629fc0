package io.orderstream.desk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.orderstream.store.PageCursor;

/**
 * The page tokens of order listings (REST {@code nextPageToken}, gRPC {@code next_page_token}):
 * a {@link PageCursor} with its HMAC-SHA256, in URL-safe base64.
 * <p>
 * A cursor is the gateway's own state, lent to the client. The MAC keeps it so: a client can hand
 * back only a position a gateway gave it, never one it made up or edited. The key is
 * {@code orderstream.cursor.secret}; without one, each process draws its own, so its tokens are
 * refused by every other gateway and by itself after a restart. Gateways that serve one listing
 * (several behind a load balancer) must share the secret.
 * Thread-safe.
 */
public final class PageTokens {
    /** Shortest secret accepted: as long as the MAC itself (256 bits). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Logger LOG = Logger.getLogger(PageTokens.class.getName());
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    // Tokens made here are under 100 characters: anything far longer is not worth a MAC.
    private static final int MAX_TOKEN_CHARS = 256;
    // Binds each MAC to this use, should the same secret ever sign anything else.
    private static final byte[] PURPOSE = "orderstream page token v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final String refusal;

    private PageTokens(byte[] key, String refusal) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.refusal = refusal;
    }

    /**
     * Tokens signed with a configured secret, or, without one, with a random key of this
     * process's own (logged, as other gateways then refuse this one's tokens).
     *
     * @param secret {@code orderstream.cursor.secret}; empty when unset
     * @return the tokens
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static PageTokens create(Optional<String> secret) {
        if (secret.isPresent()) {
            byte[] key = secret.get().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("orderstream.cursor.secret must be at least " + MIN_SECRET_BYTES
                        + " bytes (e.g. the output of 'openssl rand -base64 32'), got " + key.length);
            }
            return new PageTokens(key, "is not a page token of this service, or was altered"
                    + " (tokens signed with another orderstream.cursor.secret are refused too)");
        }
        LOG.info("orderstream.cursor.secret is not set: page tokens are signed with a key of this process's own."
                         + " Other gateways refuse them; give every gateway the same secret if several serve clients");
        byte[] key = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(key);
        return new PageTokens(key, "is not a page token this gateway gave, or was altered. A token from another"
                + " gateway, or from before this one restarted, is refused: every gateway needs the same"
                + " orderstream.cursor.secret to accept the others' tokens");
    }

    /**
     * The token of a cursor.
     *
     * @param cursor where the next page starts
     * @return URL-safe token
     */
    public String token(PageCursor cursor) {
        byte[] content = (cursor.createdMs() + ":" + cursor.orderId()).getBytes(StandardCharsets.UTF_8);
        byte[] signed = Arrays.copyOf(content, content.length + MAC_BYTES);
        System.arraycopy(mac(content), 0, signed, content.length, MAC_BYTES);
        return ENCODER.encodeToString(signed);
    }

    /**
     * The cursor of a token from {@link #token(PageCursor)}.
     *
     * @param token as the client sent it
     * @return the cursor; empty when the token is malformed, altered in any character, or signed
     *         with another key
     */
    public Optional<PageCursor> parse(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Only the one spelling this class writes: padding or stray low bits in the last
        // character would otherwise be edits that decode to the same bytes.
        if (signed.length <= MAC_BYTES || !ENCODER.encodeToString(signed).equals(token)) {
            return Optional.empty();
        }
        byte[] content = Arrays.copyOf(signed, signed.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(signed, content.length, signed.length);
        // Constant time: how long a comparison takes must not tell how much of a guess was right.
        if (!MessageDigest.isEqual(mac(content), mac)) {
            return Optional.empty();
        }
        return cursor(new String(content, StandardCharsets.UTF_8));
    }

    /**
     * Why a token that {@link #parse(String)} refuses is refused, for the client and whoever
     * runs the gateways.
     *
     * @return the reason, worded after the parameter's name
     */
    public String refusal() {
        return refusal;
    }

    private static Optional<PageCursor> cursor(String content) {
        int colon = content.indexOf(':');
        if (colon <= 0 || colon == content.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PageCursor(Long.parseLong(content.substring(0, colon)),
                                              content.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] content) {
        try {
            // A Mac is not thread-safe, and one per call costs microseconds on a listing.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(PURPOSE);
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK provides " + ALGORITHM, e);
        }
    }
}
