package io.orderstream.bench;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code ./bench.sh}'s arguments: defaults, every option, and clear refusals.
 */
class BenchOptionsTest {
    @Test
    void defaults() {
        BenchOptions options = BenchOptions.parse(new String[0]);
        assertThat(options.duration(), is(Duration.ofSeconds(20)));
        assertThat(options.concurrency(), is(50));
        assertThat(options.warmup(), is(3000));
        assertThat(options.setups(), is(List.of("embedded", "1+1", "2+2")));
        assertThat(options.clients(), is(List.of(ClientKind.REST, ClientKind.GRPC)));
    }

    @Test
    void everyOption() {
        BenchOptions options = BenchOptions.parse(new String[] {
                "--duration=5", "--concurrency=8", "--warmup=0", "--setups=2+2,embedded", "--clients=grpc"});
        assertThat(options.duration(), is(Duration.ofSeconds(5)));
        assertThat(options.concurrency(), is(8));
        assertThat(options.warmup(), is(0));
        assertThat(options.setups(), is(List.of("2+2", "embedded")));
        assertThat(options.clients(), is(List.of(ClientKind.GRPC)));
    }

    @Test
    void refusals() {
        assertRefused("--orders=5", "unknown argument");
        assertRefused("--duration=0", "--duration must be at least 1");
        assertRefused("--concurrency=many", "--concurrency wants a whole number");
        assertRefused("--setups=3", "'3' is neither");
        assertRefused("--clients=rest,soap", "'soap' is neither");
        assertRefused("--clients=", "--clients wants at least one value");
    }

    private static void assertRefused(String argument, String message) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                                                        () -> BenchOptions.parse(new String[] {argument}));
        assertThat(refusal.getMessage(), containsString(message));
    }
}
