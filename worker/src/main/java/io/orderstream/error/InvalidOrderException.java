package io.orderstream.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request that cannot become an order (token, amount or slippage refused); nothing was stored.
 */
public final class InvalidOrderException extends ServiceException {
    private final transient List<FieldViolation> violations;

    /**
     * Creates the exception from its violations.
     *
     * @param violations at least one
     */
    public InvalidOrderException(List<FieldViolation> violations) {
        super(violations.stream()
                      .map(v -> v.field() + ": " + v.description())
                      .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
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
