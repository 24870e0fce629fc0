package io.orderstream.net;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

class DescriptorBudgetTest {
    @Test
    void capsThatFitBesideWhatIsOpenAreFine() {
        assertThat(DescriptorBudget.shortfall(18_000, 1000, 300, 20_000), is(Optional.empty()));
    }

    @Test
    void capsAboveTheLimitAreNamedWithWhatTheyNeed() {
        String warning = DescriptorBudget.shortfall(18_000, 1000, 300, 1024).orElseThrow();
        assertThat(warning, containsString("server.max-tcp-connections (18000)"));
        assertThat(warning, containsString("orderstream.grpc.max.connections (1000)"));
        assertThat(warning, containsString("need 19400 file descriptors"));
        assertThat(warning, containsString("(1024)"));
    }

    @Test
    void noCapOnTheHttpPortIsNamed() {
        assertThat(DescriptorBudget.shortfall(-1, 1000, 300, 20_000).orElseThrow(),
                   containsString("server.max-tcp-connections is not set"));
    }
}
