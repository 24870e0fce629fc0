package io.orderstream.ws;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.orderstream.error.RateLimitedException;
import io.orderstream.error.ServiceException;
import io.orderstream.testing.LogCapture;
import io.orderstream.testing.ServiceErrors;

import io.helidon.webserver.ServerConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Every kind of error closes an order's socket with a code the client can act on: one of the
 * 44xx codes for its own mistakes, 1008 when it is past its limits, 1012 or 1013 (reconnect and
 * resume) when the server is why; never 1011 (a server failure) or 1000 (the order ended).
 */
class WsErrorsTest {
    @ParameterizedTest
    @MethodSource("io.orderstream.testing.ServiceErrors#everyKind")
    void everyKindClosesWithACodeTheClientCanActOn(ServiceException error) {
        WsErrors.Refusal refusal = WsErrors.refusal(error);
        int code = refusal.closeCode();
        assertThat(code, not(CloseCodes.INTERNAL_ERROR));
        assertThat(code, not(CloseCodes.NORMAL));
        if (ServiceErrors.serverSide(error)) {
            assertThat(refusal.errorCode(), code == CloseCodes.SERVICE_RESTART || code == CloseCodes.TRY_AGAIN_LATER,
                       is(true));
            assertThat(refusal.errorCode(), is("unavailable"));
        } else if (error instanceof RateLimitedException) {
            assertThat(code, is(CloseCodes.POLICY_VIOLATION));
            assertThat(refusal.errorCode(), is("rate-limited"));
            assertThat(refusal.message(), is(error.getMessage()));
        } else {
            assertThat(refusal.errorCode(), code >= 4400 && code < 4500, is(true));
            assertThat(refusal.message(), is(error.getMessage()));
        }
    }

    /** A client that leaves while its watch starts is a departure: no warning, no stack trace. */
    @Test
    void aClientLeavingBeforeItsWatchStartsIsNoWarning() {
        RuntimeException left = new ServerConnectionException("Failed to write websocket frame",
                new UncheckedIOException(new IOException("Broken pipe")));
        RuntimeException broken = new IllegalStateException("the registry failed");
        try (LogCapture log = LogCapture.start()) {
            WsErrors.refusal(left, "an-order");
            assertThat(log.records(), is(empty()));
            WsErrors.refusal(broken, "an-order");
            assertThat(log.records(), hasSize(1));
        }
    }
}
