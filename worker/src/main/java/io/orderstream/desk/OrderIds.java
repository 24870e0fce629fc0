package io.orderstream.desk;

import java.util.regex.Pattern;

import io.orderstream.error.InvalidRequestException;

/**
 * Checks the form of order ids before anything is looked up.
 */
public final class OrderIds {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private OrderIds() {
    }

    /**
     * An order id in its canonical form.
     *
     * @param field how the client named the parameter, for the error
     * @param value as given
     * @return the lower-case UUID
     * @throws InvalidRequestException when it is not a UUID
     */
    public static String parse(String field, String value) {
        String id = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!UUID.matcher(id).matches()) {
            String shown = value == null || value.isEmpty() ? "empty"
                    : "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
            throw new InvalidRequestException(field, "must be an order id (a UUID), got " + shown);
        }
        return id;
    }
}
