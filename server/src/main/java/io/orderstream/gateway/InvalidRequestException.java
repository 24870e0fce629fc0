package io.orderstream.gateway;

import java.util.List;

import io.orderstream.order.FieldViolation;

/**
 * A request parameter (not an order's field) that cannot be right: a malformed order id, a seq beyond the last event,
 * a page token that is not ours. REST 400, gRPC INVALID_ARGUMENT, WebSocket close 4400.
 */
public final class InvalidRequestException extends RuntimeException {
    private final transient List<FieldViolation> violations;

    /**
     * Creates the exception for one field.
     *
     * @param field       the parameter's name
     * @param description what is wrong with it
     */
    public InvalidRequestException(String field, String description) {
        super(field + ": " + description);
        this.violations = List.of(new FieldViolation(field, description));
    }

    /**
     * What is wrong, field by field.
     *
     * @return the violations
     */
    public List<FieldViolation> violations() {
        return violations;
    }
}
