package io.orderstream.error;

/**
 * One reason a field of a request was refused.
 *
 * @param field       the field's name as the JSON contract writes it ({@code tokenIn}); gRPC
 *                    tells it as the proto names it ({@code token_in})
 * @param description what is wrong with it
 */
public record FieldViolation(String field, String description) {
}
