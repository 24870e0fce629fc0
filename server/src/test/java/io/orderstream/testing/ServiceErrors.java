package io.orderstream.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.orderstream.error.AuthenticationException;
import io.orderstream.error.FieldViolation;
import io.orderstream.error.IdempotencyConflictException;
import io.orderstream.error.InvalidOrderException;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.error.MalformedBodyException;
import io.orderstream.error.OrderNotCancellableException;
import io.orderstream.error.OrderNotReplayableException;
import io.orderstream.error.OrderNotFoundException;
import io.orderstream.error.PermissionDeniedException;
import io.orderstream.error.QueueFullException;
import io.orderstream.error.RateLimitedException;
import io.orderstream.error.ServiceException;
import io.orderstream.error.ShuttingDownException;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.error.UnsupportedMediaTypeException;

/**
 * One error of every kind a face maps, for the tests that check each face's mapping of them all.
 */
public final class ServiceErrors {
    private static final String ORDER_ID = "0b7e3c5e-6f0c-4a51-9c59-1f0d2b7d8a11";

    private ServiceErrors() {
    }

    /**
     * One of each kind, checked against the taxonomy itself, so a kind added without an example
     * here fails every face's test.
     *
     * @return the errors
     */
    public static List<ServiceException> everyKind() {
        List<ServiceException> errors = List.of(
                new InvalidOrderException(List.of(new FieldViolation("tokenIn", "is required"),
                                                  new FieldViolation("amount", "must be positive"))),
                new InvalidRequestException("afterSeq", "must not be negative, got -1"),
                new MalformedBodyException("The body is not valid JSON"),
                new UnsupportedMediaTypeException("Send the order as JSON"),
                AuthenticationException.missing(),
                AuthenticationException.invalid("The token's signature is not valid"),
                new PermissionDeniedException("orders:write"),
                new RateLimitedException("Too many orders: at most 50 per second (bursts of 100) per caller",
                                         Duration.ofMillis(1500)),
                new OrderNotFoundException(ORDER_ID),
                new OrderNotCancellableException(ORDER_ID, "submitted"),
                new OrderNotReplayableException(ORDER_ID, "confirmed"),
                new IdempotencyConflictException("key-1", ORDER_ID),
                new StoreUnavailableException("The order store is unavailable", null),
                new QueueFullException(10),
                new ShuttingDownException());
        Set<Class<?>> covered = new HashSet<>();
        errors.forEach(e -> covered.add(e.getClass()));
        Set<Class<?>> kinds = kinds();
        if (!covered.equals(kinds)) {
            throw new AssertionError("Examples " + covered + " are not the kinds " + kinds);
        }
        return errors;
    }

    /**
     * Whether the server, not the request, is why: the kinds a client may send again unchanged.
     *
     * @param error the error
     * @return true when nothing is wrong with the request
     */
    public static boolean serverSide(ServiceException error) {
        return error instanceof StoreUnavailableException || error instanceof ShuttingDownException;
    }

    /** Every class that can be thrown as a ServiceException: the sealed tree's concrete classes. */
    private static Set<Class<?>> kinds() {
        Set<Class<?>> kinds = new HashSet<>();
        Deque<Class<?>> open = new ArrayDeque<>(List.of(ServiceException.class));
        while (!open.isEmpty()) {
            Class<?> kind = open.pop();
            if (!java.lang.reflect.Modifier.isAbstract(kind.getModifiers())) {
                kinds.add(kind);
            }
            if (kind.isSealed()) {
                open.addAll(List.of(kind.getPermittedSubclasses()));
            }
        }
        return kinds;
    }
}
