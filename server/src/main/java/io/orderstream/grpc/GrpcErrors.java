package io.orderstream.grpc;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.error.AuthenticationException;
import io.orderstream.error.FieldViolation;
import io.orderstream.error.IdempotencyConflictException;
import io.orderstream.error.InvalidOrderException;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.error.MalformedBodyException;
import io.orderstream.error.OrderNotCancellableException;
import io.orderstream.error.OrderNotFoundException;
import io.orderstream.error.OrderNotReplayableException;
import io.orderstream.error.PermissionDeniedException;
import io.orderstream.error.RateLimitedException;
import io.orderstream.error.ServiceException;
import io.orderstream.error.ShuttingDownException;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.error.UnsupportedMediaTypeException;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * Every gRPC error, mapped to its status in this one place. Bad input carries
 * {@code google.rpc.BadRequest} field violations under the proto's field names; an unavailable
 * store and a caller past its limits carry {@code google.rpc.RetryInfo}; unexpected failures are
 * logged and answered INTERNAL without internals.
 */
final class GrpcErrors {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(Throwable e) {
        return switch (e) {
        case ServiceException refused -> status(refused);
        case StatusRuntimeException status -> status;
        default -> {
            LOG.log(Level.SEVERE, "Unexpected failure in a gRPC call", e);
            yield Status.INTERNAL.withDescription("The server failed to handle this call; it has been logged")
                    .asRuntimeException();
        }
        };
    }

    /**
     * The status that tells a client why its call was refused. The one mapping of the taxonomy to
     * gRPC: a kind added to {@link ServiceException} does not compile until it is mapped here.
     */
    static StatusRuntimeException status(ServiceException failure) {
        return switch (failure) {
        case InvalidOrderException e -> badRequest(e.getMessage(), e.violations());
        case InvalidRequestException e -> badRequest(e.getMessage(), e.violations());
        // Bodies and media types are REST's; a gRPC message that does not parse is malformedRequest.
        case MalformedBodyException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        case UnsupportedMediaTypeException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage())
                .asRuntimeException();
        case AuthenticationException e -> Status.UNAUTHENTICATED.withDescription(e.getMessage()).asRuntimeException();
        case PermissionDeniedException e -> Status.PERMISSION_DENIED.withDescription(e.getMessage())
                .asRuntimeException();
        case RateLimitedException e -> retryLater(Code.RESOURCE_EXHAUSTED, e.getMessage(), e.retryAfter());
        case OrderNotFoundException e -> Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
        case OrderNotCancellableException e -> Status.FAILED_PRECONDITION.withDescription(e.getMessage())
                .asRuntimeException();
        case OrderNotReplayableException e -> Status.FAILED_PRECONDITION.withDescription(e.getMessage())
                .asRuntimeException();
        case IdempotencyConflictException e -> Status.ALREADY_EXISTS.withDescription(e.getMessage())
                .asRuntimeException();
        case StoreUnavailableException e -> retryLater(Code.UNAVAILABLE,
                                                       e.getMessage() + ". Nothing was changed; retry shortly.",
                                                       e.retryAfter());
        case ShuttingDownException e -> Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
        };
    }

    /**
     * A request message that does not parse as its method's request type: the client's mistake,
     * told with what the parser found.
     */
    static Status malformedRequest(String fullMethodName, Throwable parseFailure) {
        return Status.INVALID_ARGUMENT.withDescription(
                "The request is not a valid message for " + fullMethodName + ": " + innermostMessage(parseFailure));
    }

    /** A request message over the size limit, after decompression. */
    static Status requestTooLarge(int limitBytes) {
        return Status.RESOURCE_EXHAUSTED.withDescription(
                "The request message is larger than the limit of " + limitBytes + " bytes");
    }

    /**
     * A request message Helidon's transport would not read: far over the size limit or, which it
     * cannot tell apart, compressed data that does not inflate.
     */
    static Status requestRefusedUnread(int limitBytes) {
        return Status.RESOURCE_EXHAUSTED.withDescription("The request message was refused unread: it is larger than "
                + "the limit of " + limitBytes + " bytes, or compressed data that does not inflate");
    }

    // Protobuf's own words ("the input ended unexpectedly in the middle of a field") sit in the
    // cause of grpc-java's generic "Invalid protobuf byte sequence".
    private static String innermostMessage(Throwable failure) {
        String message = null;
        Throwable cause = failure;
        for (int i = 0; i < 16 && cause != null; i++, cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    /** A status with {@code google.rpc.RetryInfo}: nothing was done, and the same call may be made again. */
    private static StatusRuntimeException retryLater(Code code, String message, Duration delay) {
        RetryInfo retry = RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                                       .setSeconds(delay.toSeconds())
                                       .setNanos(delay.toNanosPart()))
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                                                            .setCode(code.getNumber())
                                                            .setMessage(message)
                                                            .addDetails(Any.pack(retry))
                                                            .build());
    }

    private static StatusRuntimeException badRequest(String message, List<FieldViolation> violations) {
        BadRequest.Builder details = BadRequest.newBuilder();
        violations.forEach(v -> details.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                                                                   .setField(protoFieldName(v.field()))
                                                                   .setDescription(v.description())));
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                                                            .setCode(Code.INVALID_ARGUMENT_VALUE)
                                                            .setMessage(message)
                                                            .addDetails(Any.pack(details.build()))
                                                            .build());
    }

    /**
     * The request field as the proto names it ({@code token_out}); the domain names fields as the
     * JSON contract does ({@code tokenOut}), and the two differ only in case style.
     */
    static String protoFieldName(String field) {
        StringBuilder name = new StringBuilder(field.length() + 4);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                name.append('_').append((char) (c - 'A' + 'a'));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
