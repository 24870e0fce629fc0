package io.orderstream.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * An order's current state, as stored.
 *
 * @param id            order id (a UUID)
 * @param owner         the subject that submitted it; only it (and administrators) may see it
 * @param request       what the client asked for
 * @param status        current status
 * @param lastSeq       seq of the newest event
 * @param progress      progress of the newest event, 0 to 100
 * @param createdAt     when it was accepted
 * @param updatedAt     when its newest event was recorded
 * @param chosenDex     the DEX routing chose, once chosen
 * @param txSignature   the transaction signature, once built
 * @param amountOut     amount of token out received, once confirmed
 * @param failureReason why it failed or was cancelled
 * @param failureCode   why it failed, as a code; empty unless failed (and for orders that failed
 *                      before codes were kept)
 */
public record Order(String id,
                    String owner,
                    OrderRequest request,
                    OrderStatus status,
                    long lastSeq,
                    int progress,
                    Instant createdAt,
                    Instant updatedAt,
                    Optional<String> chosenDex,
                    Optional<String> txSignature,
                    Optional<BigDecimal> amountOut,
                    Optional<String> failureReason,
                    Optional<FailureCode> failureCode) {
    /**
     * The owner of orders submitted without authentication (the gateway's {@code none} mode), and
     * of every order stored before orders had owners.
     */
    public static final String ANONYMOUS_OWNER = "anonymous";
}
