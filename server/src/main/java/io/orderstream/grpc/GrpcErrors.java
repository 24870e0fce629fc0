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

    private static StatusRuntimeException badRequest(String message, List<FieldViolation> violations) {
        BadRequest.Builder details = BadRequest.newBuilder();
        violations.forEach(v -> details.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                                                                   .setField(v.field())
                                                                   .setDescription(v.description())));
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                                                            .setCode(Code.INVALID_ARGUMENT_VALUE)
                                                            .setMessage(message)
                                                            .addDetails(Any.pack(details.build()))
                                                            .build());
    }
}
