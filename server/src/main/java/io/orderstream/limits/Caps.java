package io.orderstream.limits;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many places each caller holds under one cap on this gateway. Owned here: {@code held}
 * changes only inside {@link ConcurrentHashMap#compute}, so a take and a give for one caller never
 * interleave, and a caller's entry is gone once it holds nothing (the map holds live callers only).
 */
final class Caps {
    private final Map<String, Integer> held = new ConcurrentHashMap<>();
    private final int most;

    /**
     * Creates the cap.
     *
     * @param most places one caller may hold at once
     */
    Caps(int most) {
        this.most = most;
    }

    /**
     * Takes a place for a caller.
     *
     * @param key the caller
     * @return the place, or empty when the caller holds {@code most} already
     */
    Optional<Slot> take(String key) {
        boolean[] taken = new boolean[1];
        held.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= most) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0] ? Optional.of(new Held(key)) : Optional.empty();
    }

    /**
     * The cap.
     *
     * @return places one caller may hold
     */
    int most() {
        return most;
    }

    private void give(String key) {
        held.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    private final class Held implements Slot {
        private final String key;
        private final AtomicBoolean given = new AtomicBoolean();

        private Held(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (given.compareAndSet(false, true)) {
                give(key);
            }
        }
    }
}
