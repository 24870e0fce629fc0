package io.orderstream.worker;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A service this process cannot work without, and a cheap way to ask whether it answers now:
 * what a readiness probe checks.
 */
public interface Dependency {
    /**
     * What it is, as a probe names it.
     *
     * @return e.g. {@code database}, {@code redis}
     */
    String name();

    /**
     * Returns when the service answers within about {@code timeout}.
     *
     * @param timeout how long to wait for its answer
     * @throws RuntimeException saying why, when it does not answer
     */
    void ping(Duration timeout);

    /**
     * A dependency from its name and its check.
     *
     * @param name  what it is
     * @param check returns when it answers, throws otherwise
     * @return the dependency
     */
    static Dependency of(String name, Consumer<Duration> check) {
        return new Dependency() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void ping(Duration timeout) {
                check.accept(timeout);
            }
        };
    }
}
