package io.orderstream.desk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.orderstream.store.PageCursor;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A page token is taken back only as it was given, by a gateway with the same key. */
class PageTokensTest {
    private static final String SECRET = "a shared secret of at least 32 bytes";
    private static final PageCursor CURSOR = new PageCursor(1_764_000_000_123L, "0b7e3c5e-6f0c-4a51-9c59-1f0d2b7d8a11");

    @Test
    void aTokenGivesBackItsCursor() {
        PageTokens tokens = PageTokens.create(Optional.empty());
        String token = tokens.token(CURSOR);
        assertThat(tokens.parse(token), is(Optional.of(CURSOR)));
        assertThat("URL-safe as it is", token.matches("[A-Za-z0-9_-]+"), is(true));
    }

    @Test
    void anUnsignedCursorIsRefused() {
        PageTokens tokens = PageTokens.create(Optional.of(SECRET));
        for (String content : new String[] {"123:someid", CURSOR.createdMs() + ":" + CURSOR.orderId()}) {
            String forged = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(content.getBytes(StandardCharsets.UTF_8));
            assertThat(content, tokens.parse(forged), is(Optional.empty()));
        }
        assertThat(tokens.parse(""), is(Optional.empty()));
        assertThat(tokens.parse("garbage!"), is(Optional.empty()));
        assertThat(tokens.parse("A".repeat(10_000)), is(Optional.empty()));
    }

    @Test
    void everyFlippedBitIsRefused() {
        PageTokens tokens = PageTokens.create(Optional.of(SECRET));
        byte[] signed = Base64.getUrlDecoder().decode(tokens.token(CURSOR));
        for (int i = 0; i < signed.length * 8; i++) {
            byte[] altered = signed.clone();
            altered[i / 8] ^= (byte) (1 << (i % 8));
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThat("bit " + i, tokens.parse(token), is(Optional.empty()));
        }
    }

    @Test
    void everyEditedCharacterIsRefused() {
        PageTokens tokens = PageTokens.create(Optional.of(SECRET));
        String token = tokens.token(CURSOR);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != token.charAt(i)) {
                    String edited = token.substring(0, i) + c + token.substring(i + 1);
                    assertThat(edited, tokens.parse(edited), is(Optional.empty()));
                }
            }
        }
        assertThat("padded", tokens.parse(token + "="), is(Optional.empty()));
        assertThat("cut short", tokens.parse(token.substring(0, token.length() - 1)), is(Optional.empty()));
    }

    @Test
    void gatewaysAcceptEachOthersTokensOnlyWithTheSameSecret() {
        String token = PageTokens.create(Optional.of(SECRET)).token(CURSOR);
        assertThat(PageTokens.create(Optional.of(SECRET)).parse(token), is(Optional.of(CURSOR)));
        assertThat(PageTokens.create(Optional.of(SECRET + "!")).parse(token), is(Optional.empty()));

        PageTokens own = PageTokens.create(Optional.empty());
        PageTokens other = PageTokens.create(Optional.empty());
        assertThat(other.parse(own.token(CURSOR)), is(Optional.empty()));
        assertThat(other.refusal(), containsString("another gateway"));
        assertThat(other.refusal(), containsString("orderstream.cursor.secret"));
        assertThat(PageTokens.create(Optional.of(SECRET)).refusal(), not(containsString("another gateway")));
    }

    @Test
    void aShortSecretIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                                  () -> PageTokens.create(Optional.of("too short")));
        assertThat(e.getMessage(), containsString("orderstream.cursor.secret"));
    }
}
