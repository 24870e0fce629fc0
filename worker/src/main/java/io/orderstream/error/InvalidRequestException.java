package io.orderstream.error;

import java.util.List;

/**
 * A request parameter (not an order's field) that cannot be right: a malformed order id, a seq
 * beyond the last event, a page token that is not ours.
 */
public final class InvalidRequestException extends ServiceException {
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
