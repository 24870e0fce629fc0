package io.orderstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderstream.order.OrderEvent;

/**
 * One batch of the {@link EventWriter}, written in one transaction: each step moves its order on
 * (only at the seq it expects, under its execution's claim, while the order has not ended), then
 * the events of the steps that moved it are inserted and ended orders taken off the queue.
 */
final class StepBatch {
    private StepBatch() {
    }

    /**
     * Stores a batch of steps in the caller's transaction.
     *
     * @param connection the transaction's connection
     * @param steps      the steps, in the order their executions queued them
     * @param events     each step's event
     * @return each step's event, or empty where the step was refused
     */
    static List<Optional<OrderEvent>> store(Connection connection, List<EventWriter.Step> steps,
                                            List<OrderEvent> events) throws SQLException {
        List<List<Integer>> runs = runs(steps, events);
        int[] moved;
        try (PreparedStatement advance = connection.prepareStatement(EventStatements.CLAIMED_ADVANCE)) {
            for (List<Integer> run : runs) {
                OrderEvent first = events.get(run.getFirst());
                int next = EventStatements.bindAdvance(advance, run.stream().map(events::get).toList());
                advance.setLong(next, first.seq() - 1);
                advance.setString(next + 1, first.orderId());
                advance.setString(next + 2, steps.get(run.getFirst()).claimOwner());
                advance.addBatch();
            }
            moved = advance.executeBatch();
        }
        boolean[] advanced = new boolean[events.size()];
        for (int r = 0; r < runs.size(); r++) {
            for (int i : runs.get(r)) {
                advanced[i] = moved[r] == 1;
            }
        }
        List<Optional<OrderEvent>> results = new ArrayList<>(events.size());
        try (PreparedStatement insert = connection.prepareStatement(EventStatements.INSERT_EVENT);
             PreparedStatement dequeue = connection.prepareStatement(EventStatements.DEQUEUE)) {
            boolean inserts = false;
            boolean dequeues = false;
            for (int i = 0; i < events.size(); i++) {
                OrderEvent event = events.get(i);
                if (!advanced[i]) {
                    results.add(Optional.empty());
                    continue;
                }
                results.add(Optional.of(event));
                EventStatements.bindEvent(insert, 1, event);
                insert.addBatch();
                inserts = true;
                if (event.isTerminal()) {
                    dequeue.setString(1, event.orderId());
                    dequeue.addBatch();
                    dequeues = true;
                }
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (dequeues) {
                dequeue.executeBatch();
            }
        }
        return results;
    }

    /**
     * The batch's steps (their indexes) in runs that each advance their order once: a step joins
     * the run of its order's step before it in the batch when it is the same execution's next
     * seq. Each update of an order rewrites its row and, on H2, every index of it; an execution's
     * noted steps often arrive together, so their order is updated once instead of once each.
     * A run is stored whole or refused whole, as its steps one by one would be: none can pass
     * once the one before it is refused, and none can be refused once it passed, the order's row
     * being locked by this transaction from its first step on.
     */
    private static List<List<Integer>> runs(List<EventWriter.Step> steps, List<OrderEvent> events) {
        List<List<Integer>> runs = new ArrayList<>();
        Map<String, List<Integer>> latest = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            OrderEvent event = events.get(i);
            List<Integer> run = latest.get(event.orderId());
            if (run != null && follows(steps, events, run.getLast(), i)) {
                run.add(i);
                continue;
            }
            run = new ArrayList<>(List.of(i));
            runs.add(run);
            latest.put(event.orderId(), run);
        }
        return runs;
    }

    private static boolean follows(List<EventWriter.Step> steps, List<OrderEvent> events, int before, int step) {
        return events.get(step).seq() == events.get(before).seq() + 1
                && steps.get(step).claimOwner().equals(steps.get(before).claimOwner());
    }
}
