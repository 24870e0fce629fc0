package io.orderstream.order;

import java.math.BigDecimal;
import java.util.List;

import io.orderstream.error.FieldViolation;
import io.orderstream.error.InvalidOrderException;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrderValidatorTest {
    @Test
    void acceptsAnOrderAndNormalisesTokens() {
        OrderRequest request = OrderValidator.validate(" sol", "usdc", "10.5", null, null);
        assertThat(request.tokenIn(), is("SOL"));
        assertThat(request.tokenOut(), is("USDC"));
        assertThat(request.amount(), comparesEqualTo(new BigDecimal("10.5")));
        assertThat(request.slippagePercent(), comparesEqualTo(OrderValidator.DEFAULT_SLIPPAGE));
        assertThat(request.clientOrderId().isPresent(), is(false));
    }

    @Test
    void reportsEveryViolationAtOnce() {
        InvalidOrderException e = assertThrows(InvalidOrderException.class,
                                               () -> OrderValidator.validate("", "XYZ", "0", "99", "bad key!"));
        List<String> fields = e.violations().stream().map(FieldViolation::field).toList();
        assertThat(fields, contains("tokenIn", "tokenOut", "amount", "slippage", "clientOrderId"));
    }

    @Test
    void refusesHugeAndOverPreciseNumbers() {
        assertThat(field(() -> OrderValidator.validate("SOL", "USDC", "1e13", "1", null)), is("amount"));
        assertThat(field(() -> OrderValidator.validate("SOL", "USDC", "1e-999999999", "1", null)), is("amount"));
        assertThat(field(() -> OrderValidator.validate("SOL", "USDC", "0.0000000001", "1", null)), is("amount"));
        assertThat(field(() -> OrderValidator.validate("SOL", "USDC", "NaN", "1", null)), is("amount"));
        assertThat(field(() -> OrderValidator.validate("SOL", "USDC", "1", "0.00001", null)), is("slippage"));
    }

    @Test
    void sameOrderComparesValuesNotScales() {
        OrderRequest a = OrderValidator.validate("SOL", "USDC", "10", "0.5", "k");
        OrderRequest b = OrderValidator.validate("SOL", "USDC", "10.000", "0.50", "k");
        assertThat(a.sameOrderAs(b), is(true));
        assertThat(a.sameOrderAs(OrderValidator.validate("SOL", "USDC", "11", "0.5", "k")), is(false));
    }

    private static String field(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(InvalidOrderException.class, call).violations().getFirst().field();
    }
}
