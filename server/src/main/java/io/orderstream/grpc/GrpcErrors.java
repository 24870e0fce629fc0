package io.orderstream.grpc;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.auth.AuthenticationException;
import io.orderstream.auth.PermissionDeniedException;
import io.orderstream.gateway.InvalidRequestException;
import io.orderstream.gateway.OrderNotCancellableException;
import io.orderstream.gateway.OrderNotFoundException;
import io.orderstream.order.FieldViolation;
import io.orderstream.order.InvalidOrderException;
import io.orderstream.store.IdempotencyConflictException;
import io.orderstream.store.StoreUnavailableException;
import io.orderstream.watch.ShuttingDownException;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * Every gRPC error, mapped to its status in this one place. Bad input carries
 * {@code google.rpc.BadRequest} field violations; unexpected failures are logged and answered
 * INTERNAL without internals.
 */
final class GrpcErrors {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(Throwable e) {
        return switch (e) {
        case InvalidOrderException invalid -> badRequest(invalid.getMessage(), invalid.violations());
        case InvalidRequestException invalid -> badRequest(invalid.getMessage(), invalid.violations());
        case AuthenticationException refused -> Status.UNAUTHENTICATED.withDescription(refused.getMessage())
                .asRuntimeException();
        case PermissionDeniedException denied -> Status.PERMISSION_DENIED.withDescription(denied.getMessage())
                .asRuntimeException();
        case OrderNotFoundException notFound -> Status.NOT_FOUND.withDescription(notFound.getMessage())
                .asRuntimeException();
        case OrderNotCancellableException late -> Status.FAILED_PRECONDITION.withDescription(late.getMessage())
                .asRuntimeException();
        case IdempotencyConflictException reused -> Status.ALREADY_EXISTS.withDescription(reused.getMessage())
                .asRuntimeException();
        case StoreUnavailableException unavailable -> Status.UNAVAILABLE
                .withDescription(unavailable.getMessage() + ". Nothing was changed; retry shortly.")
                .asRuntimeException();
        case ShuttingDownException stopping -> Status.UNAVAILABLE.withDescription(stopping.getMessage())
                .asRuntimeException();
        case StatusRuntimeException status -> status;
        default -> {
            LOG.log(Level.SEVERE, "Unexpected failure in a gRPC call", e);
            yield Status.INTERNAL.withDescription("The server failed to handle this call; it has been logged")
                    .asRuntimeException();
        }
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
