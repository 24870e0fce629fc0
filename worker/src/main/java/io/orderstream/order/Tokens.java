package io.orderstream.order;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens orders may swap, with the reference USD prices the mock DEXs quote around.
 */
public final class Tokens {
    private static final Map<String, BigDecimal> USD_PRICES = Map.of(
            "SOL", new BigDecimal("150"),
            "USDC", BigDecimal.ONE,
            "USDT", BigDecimal.ONE,
            "BONK", new BigDecimal("0.00002"),
            "JUP", new BigDecimal("0.8"),
            "RAY", new BigDecimal("2.5"),
            "WIF", new BigDecimal("1.6"));

    private Tokens() {
    }

    /**
     * Every supported symbol.
     *
     * @return symbols in upper case
     */
    public static Set<String> symbols() {
        return USD_PRICES.keySet();
    }

    /**
     * The canonical symbol for what a client wrote ({@code "sol"} → {@code "SOL"}).
     *
     * @param symbol as given
     * @return the supported symbol, or empty
     */
    public static Optional<String> canonical(String symbol) {
        String trimmed = symbol.trim();
        // Upper-casing maps some non-ASCII letters onto ASCII ones ("Wıf" → "WIF", "ſol" → "SOL"),
        // even in Locale.ROOT: only ASCII may name a token.
        if (!Ascii.isAscii(trimmed)) {
            return Optional.empty();
        }
        String upper = trimmed.toUpperCase(Locale.ROOT);
        return USD_PRICES.containsKey(upper) ? Optional.of(upper) : Optional.empty();
    }

    /**
     * Reference USD price of a supported token.
     *
     * @param symbol a canonical symbol
     * @return its price in USD
     */
    public static BigDecimal usdPrice(String symbol) {
        BigDecimal price = USD_PRICES.get(symbol);
        if (price == null) {
            throw new IllegalArgumentException("Unsupported token " + symbol);
        }
        return price;
    }
}
