package io.orderstream.order;

/**
 * One reason a field of a request was refused.
 *
 * @param field       the field's name as the client wrote it ({@code tokenIn})
 * @param description what is wrong with it
 */
public record FieldViolation(String field, String description) {
}
