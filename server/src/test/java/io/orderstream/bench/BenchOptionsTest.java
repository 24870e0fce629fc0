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
        assertThat(options.mode(), is(BenchOptions.Mode.THROUGHPUT));
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
    void fanOutDefaults() {
        BenchOptions options = BenchOptions.parse(new String[] {"--mode=fanout"});
        assertThat(options.mode(), is(BenchOptions.Mode.FANOUT));
        assertThat(options.watchers(), is(1000));
        assertThat(options.rounds(), is(3));
        assertThat(options.grpcPorts(), is(GrpcPorts.BOTH));
        assertThat(options.setups(), is(List.of("embedded", "1+1")));
        assertThat(options.clients(), is(List.of(ClientKind.REST, ClientKind.GRPC)));
    }

    @Test
    void everyFanOutOption() {
        BenchOptions options = BenchOptions.parse(new String[] {
                "--watchers=200", "--rounds=1", "--grpc-ports=netty", "--setups=embedded", "--clients=rest",
                "--mode=fanout"});
        assertThat(options.mode(), is(BenchOptions.Mode.FANOUT));
        assertThat(options.watchers(), is(200));
        assertThat(options.rounds(), is(1));
        assertThat(options.grpcPorts(), is(GrpcPorts.NETTY));
        assertThat(options.setups(), is(List.of("embedded")));
        assertThat(options.clients(), is(List.of(ClientKind.REST)));
    }

    @Test
    void theThroughputModeByName() {
        BenchOptions options = BenchOptions.parse(new String[] {"--mode=throughput", "--duration=7"});
        assertThat(options.mode(), is(BenchOptions.Mode.THROUGHPUT));
        assertThat(options.duration(), is(Duration.ofSeconds(7)));
    }

    @Test
    void refusals() {
        assertRefused("--orders=5", "unknown argument");
        assertRefused("--duration=0", "--duration must be at least 1");
        assertRefused("--concurrency=many", "--concurrency wants a whole number");
        assertRefused("--setups=3", "'3' is neither");
        assertRefused("--clients=rest,soap", "'soap' is neither");
        assertRefused("--clients=", "--clients wants at least one value");
        assertRefused("--mode=latency", "'latency' is neither 'throughput' nor 'fanout'");
        assertRefused(new String[] {"--mode=fanout", "--watchers=0"}, "--watchers must be at least 1");
        assertRefused(new String[] {"--mode=fanout", "--rounds=-1"}, "--rounds wants a whole number");
        assertRefused(new String[] {"--mode=fanout", "--grpc-ports=grpc"},
                      "--grpc-ports: 'grpc' is none of 'both', 'helidon', 'netty'");
    }

    @Test
    void optionsOfTheOtherModeAreRefused() {
        assertRefused(new String[] {"--watchers=10"}, "--watchers is not an option of --mode=throughput");
        assertRefused(new String[] {"--mode=throughput", "--rounds=2"}, "--rounds is not an option of --mode=throughput");
        assertRefused(new String[] {"--duration=5", "--mode=fanout"}, "--duration is not an option of --mode=fanout");
        assertRefused(new String[] {"--mode=fanout", "--warmup=0"}, "--warmup is not an option of --mode=fanout");
        assertRefused(new String[] {"--grpc-ports=netty"}, "--grpc-ports is not an option of --mode=throughput");
    }

    private static void assertRefused(String argument, String message) {
        assertRefused(new String[] {argument}, message);
    }

    private static void assertRefused(String[] arguments, String message) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                                                        () -> BenchOptions.parse(arguments));
        assertThat(refusal.getMessage(), containsString(message));
    }
}
