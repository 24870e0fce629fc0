package io.orderstream.grpc;

import java.util.List;

import io.orderstream.error.FieldViolation;
import io.orderstream.error.InvalidOrderException;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.error.RateLimitedException;
import io.orderstream.error.ServiceException;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.testing.ServiceErrors;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Every kind of error is a status the client can act on, never INTERNAL or UNKNOWN: UNAVAILABLE
 * exactly when the server, not the request, is why; bad input with its field violations under
 * the proto's names; an unavailable store, and a caller past its limits, with the delay to wait.
 */
class GrpcErrorsTest {
    @ParameterizedTest
    @MethodSource("io.orderstream.testing.ServiceErrors#everyKind")
    void everyKindIsAStatusTheClientCanActOn(ServiceException error) throws InvalidProtocolBufferException {
        StatusRuntimeException refused = GrpcErrors.status(error);
        Status.Code code = refused.getStatus().getCode();
        assertThat(code, not(Status.Code.INTERNAL));
        assertThat(code, not(Status.Code.UNKNOWN));
        assertThat(code, not(Status.Code.OK));
        assertThat(code.name(), code == Status.Code.UNAVAILABLE, is(ServiceErrors.serverSide(error)));
        assertThat(refused.getStatus().getDescription(),
                   refused.getStatus().getDescription().startsWith(error.getMessage()), is(true));
        List<Long> delay = switch (error) {
        case StoreUnavailableException e -> List.of(1L);
        case RateLimitedException e -> List.of(e.retryAfter().toSeconds());
        default -> List.of();
        };
        assertThat("a retry delay when the store is unavailable or the caller past its limits",
                   retryDelaySeconds(refused), is(delay));
    }

    @Test
    void fieldViolationsNameTheProtoFields() throws InvalidProtocolBufferException {
        StatusRuntimeException invalidOrder = GrpcErrors.status(new InvalidOrderException(List.of(
                new FieldViolation("tokenIn", "is required"), new FieldViolation("slippage", "is too high"))));
        assertThat(fields(invalidOrder), contains("token_in", "slippage"));
        StatusRuntimeException invalidRequest = GrpcErrors.status(new InvalidRequestException("afterSeq", "beyond"));
        assertThat(invalidRequest.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(fields(invalidRequest), contains("after_seq"));
    }

    private static List<String> fields(StatusRuntimeException refused) throws InvalidProtocolBufferException {
        com.google.rpc.Status status = StatusProto.fromThrowable(refused);
        assertThat("details sent", status, notNullValue());
        for (Any detail : status.getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                        .map(BadRequest.FieldViolation::getField).toList();
            }
        }
        return List.of();
    }

    private static List<Long> retryDelaySeconds(StatusRuntimeException refused) throws InvalidProtocolBufferException {
        com.google.rpc.Status status = StatusProto.fromThrowable(refused);
        if (status == null) {
            return List.of();
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                return List.of(detail.unpack(RetryInfo.class).getRetryDelay().getSeconds());
            }
        }
        return List.of();
    }
}
