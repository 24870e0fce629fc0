package io.orderstream.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.orderstream.error.FieldViolation;
import io.orderstream.error.InvalidOrderException;

/**
 * Turns what a client sent (REST or gRPC, as text) into an {@link OrderRequest}, or says
 * field by field why it cannot.
 */
public final class OrderValidator {
    /** Slippage when the client gives none, in percent. */
    public static final BigDecimal DEFAULT_SLIPPAGE = new BigDecimal("0.5");

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final BigDecimal MAX_SLIPPAGE = new BigDecimal("50");
    private static final int MAX_AMOUNT_DECIMALS = 9;
    private static final int MAX_SLIPPAGE_DECIMALS = 4;
    // Long enough for "1000000000000.000000000" with room for "+", exponent and stray zeros.
    private static final int MAX_NUMBER_LENGTH = 40;
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private OrderValidator() {
    }

    /**
     * Validates a raw order.
     *
     * @param tokenIn       token sold, may be null
     * @param tokenOut      token bought, may be null
     * @param amount        decimal text, may be null
     * @param slippage      decimal text in percent; null or blank means {@link #DEFAULT_SLIPPAGE}
     * @param clientOrderId idempotency key; null or blank means none
     * @return the valid request
     * @throws InvalidOrderException with every violation found
     */
    public static OrderRequest validate(String tokenIn, String tokenOut, String amount, String slippage,
                                        String clientOrderId) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<String> in = token("tokenIn", tokenIn, violations);
        Optional<String> out = token("tokenOut", tokenOut, violations);
        if (in.isPresent() && in.equals(out)) {
            violations.add(new FieldViolation("tokenOut", "must differ from tokenIn"));
        }
        BigDecimal parsedAmount = amount(amount, violations);
        BigDecimal parsedSlippage = slippage(slippage, violations);
        Optional<String> key = clientOrderId(clientOrderId, violations);
        if (!violations.isEmpty()) {
            throw new InvalidOrderException(violations);
        }
        return new OrderRequest(in.orElseThrow(), out.orElseThrow(), parsedAmount, parsedSlippage, key);
    }

    private static Optional<String> token(String field, String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, "is required"));
            return Optional.empty();
        }
        Optional<String> symbol = Tokens.canonical(value);
        if (symbol.isEmpty()) {
            violations.add(new FieldViolation(field, "unknown token '" + shorten(value) + "'; supported: "
                    + String.join(", ", Tokens.symbols().stream().sorted().toList())));
        }
        return symbol;
    }

    private static BigDecimal amount(String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation("amount", "is required"));
            return null;
        }
        BigDecimal amount = decimal("amount", value, violations);
        if (amount == null) {
            return null;
        }
        if (amount.signum() <= 0) {
            violations.add(new FieldViolation("amount", "must be greater than 0"));
        } else if (amount.compareTo(MAX_AMOUNT) > 0) {
            violations.add(new FieldViolation("amount", "must be at most " + MAX_AMOUNT.toPlainString()));
        } else if (amount.stripTrailingZeros().scale() > MAX_AMOUNT_DECIMALS) {
            violations.add(new FieldViolation("amount", "must have at most " + MAX_AMOUNT_DECIMALS + " decimals"));
        }
        return amount;
    }

    private static BigDecimal slippage(String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return DEFAULT_SLIPPAGE;
        }
        BigDecimal slippage = decimal("slippage", value, violations);
        if (slippage == null) {
            return null;
        }
        if (slippage.signum() < 0 || slippage.compareTo(MAX_SLIPPAGE) > 0) {
            violations.add(new FieldViolation("slippage", "must be a percentage from 0 to 50"));
        } else if (slippage.stripTrailingZeros().scale() > MAX_SLIPPAGE_DECIMALS) {
            violations.add(new FieldViolation("slippage",
                                              "must have at most " + MAX_SLIPPAGE_DECIMALS + " decimals"));
        }
        return slippage;
    }

    private static BigDecimal decimal(String field, String value, List<FieldViolation> violations) {
        String text = value.trim();
        if (text.length() > MAX_NUMBER_LENGTH) {
            violations.add(new FieldViolation(field, "is too long to be an order's number"));
            return null;
        }
        try {
            // Exponents like 1e400 parse to a small object; only comparisons and scale checks
            // touch them before they are refused, never toPlainString().
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation(field, "must be a decimal number, got '" + shorten(text) + "'"));
            return null;
        }
    }

    private static Optional<String> clientOrderId(String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (!CLIENT_ORDER_ID.matcher(value).matches()) {
            violations.add(new FieldViolation("clientOrderId",
                                              "must be 1 to 64 characters of letters, digits and . _ : -"));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static String shorten(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }
}
