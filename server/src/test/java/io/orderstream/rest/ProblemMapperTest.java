package io.orderstream.rest;

import io.orderstream.error.AuthenticationException;
import io.orderstream.error.InvalidOrderException;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.error.PermissionDeniedException;
import io.orderstream.error.RateLimitedException;
import io.orderstream.error.ServiceException;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.testing.ServiceErrors;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Every kind of error is a problem the client can act on: a 4xx for its own mistakes, 503 when
 * the server cannot serve it now, never a 500; with the challenge or the retry delay it needs (429
 * with {@code Retry-After} for a caller past its limits).
 */
class ProblemMapperTest {
    @ParameterizedTest
    @MethodSource("io.orderstream.testing.ServiceErrors#everyKind")
    void everyKindIsAProblemOfTheClientsOrA503(ServiceException error) {
        ServerResponseHeaders headers = ServerResponseHeaders.create();
        Problem problem = ProblemMapper.problem(error, headers);
        int code = problem.status().code();
        if (ServiceErrors.serverSide(error)) {
            assertThat(problem.slug(), code, is(Status.SERVICE_UNAVAILABLE_503.code()));
        } else {
            assertThat(problem.slug(), code >= 400 && code < 500, is(true));
        }
        assertThat(problem.detail(), problem.detail().startsWith(error.getMessage()), is(true));
        assertThat("violations, for bad input only", problem.violations().isEmpty(),
                   is(!(error instanceof InvalidOrderException || error instanceof InvalidRequestException)));
        assertThat("a challenge with 401 and 403", headers.contains(HeaderNames.WWW_AUTHENTICATE),
                   is(error instanceof AuthenticationException || error instanceof PermissionDeniedException));
        assertThat("a delay when the store is unavailable or the caller past its limits",
                   headers.contains(HeaderNames.RETRY_AFTER),
                   is(error instanceof StoreUnavailableException || error instanceof RateLimitedException));
    }
}
