package io.orderstream.dexsim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.orderstream.routing.Execution;
import io.orderstream.routing.Ledger;

/**
 * The ledger of one process, bounded to the newest {@value #SIZE} transactions.
 * Thread-safe: guarded by its own lock.
 */
public final class InMemoryLedger implements Ledger {
    private static final int SIZE = 100_000;

    private final Map<String, Transaction> entries = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Transaction> eldest) {
            return size() > SIZE;
        }
    };

    @Override
    public synchronized void submitted(String signature) {
        Transaction entry = entries.computeIfAbsent(signature, ignored -> new Transaction());
        entry.submissions++;
    }

    @Override
    public synchronized void landed(Execution execution) {
        entries.computeIfAbsent(execution.signature(), ignored -> new Transaction()).execution = execution;
    }

    @Override
    public synchronized Optional<Execution> lookup(String signature) {
        Transaction entry = entries.get(signature);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.execution);
    }

    @Override
    public synchronized long submissions(String signature) {
        Transaction entry = entries.get(signature);
        return entry == null ? 0 : entry.submissions;
    }

    private static final class Transaction {
        private long submissions;
        private Execution execution;
    }
}
