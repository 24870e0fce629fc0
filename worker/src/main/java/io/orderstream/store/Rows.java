package io.orderstream.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.orderstream.codec.EventDetailsCodec;
import io.orderstream.order.FailureCode;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;

/** Reads stored rows back as the domain's records. */
final class Rows {
    private Rows() {
    }

    static List<Order> orders(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<Order> orders = new ArrayList<>();
            while (rows.next()) {
                orders.add(order(rows));
            }
            return orders;
        }
    }

    static Order order(ResultSet row) throws SQLException {
        OrderRequest request = new OrderRequest(
                row.getString("token_in"),
                row.getString("token_out"),
                decimal(row, "amount"),
                decimal(row, "slippage"),
                Optional.ofNullable(row.getString("client_order_id")));
        return new Order(
                row.getString("id"),
                row.getString("owner"),
                request,
                status(row),
                row.getLong("last_seq"),
                row.getInt("progress"),
                Instant.ofEpochMilli(row.getLong("created_ms")),
                Instant.ofEpochMilli(row.getLong("updated_ms")),
                Optional.ofNullable(row.getString("chosen_dex")),
                Optional.ofNullable(row.getString("tx_signature")),
                Optional.ofNullable(decimal(row, "amount_out")),
                Optional.ofNullable(row.getString("failure_reason")),
                Optional.ofNullable(row.getString("failure_code")).flatMap(FailureCode::fromTag));
    }

    static OrderEvent event(ResultSet row) throws SQLException {
        return new OrderEvent(
                row.getString("order_id"),
                row.getLong("seq"),
                status(row),
                row.getInt("progress"),
                row.getString("message"),
                Instant.ofEpochMilli(row.getLong("created_ms")),
                EventDetailsCodec.fromJson(row.getString("details")));
    }

    private static OrderStatus status(ResultSet row) throws SQLException {
        String name = row.getString("status");
        return OrderStatus.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown stored status " + name));
    }

    private static BigDecimal decimal(ResultSet row, String column) throws SQLException {
        BigDecimal value = row.getBigDecimal(column);
        if (value == null) {
            return null;
        }
        // NUMERIC columns pad to their scale; 10.000000000 reads back as 10, not 1E+1.
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
