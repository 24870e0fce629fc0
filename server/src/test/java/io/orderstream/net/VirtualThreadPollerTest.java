package io.orderstream.net;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.distributed.NodeProcess;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * A virtual thread can wait on a socket while no file descriptor is left, and after, once
 * {@link VirtualThreadPoller#startNow()} has run; without it, the JDK's poller cannot be set up
 * then, and no virtual thread can wait on a socket again (each case in a process of its own
 * with a small descriptor limit).
 */
class VirtualThreadPollerTest {
    private static final int OPEN_FILES = 256;

    @Test
    void aVirtualThreadWaitsOnASocketWithNoDescriptorLeftOnceThePollerIsStarted() throws Exception {
        assertThat(probe("started"), containsString("starved=waited after=waited"));
    }

    @Test
    void withoutItTheFirstWaitWithNoDescriptorLeftBreaksEveryLaterOne() throws Exception {
        String outcome = probe("cold");
        assertThat("the JDK no longer fails here: VirtualThreadPoller may not be needed any more",
                   outcome, not(containsString("starved=waited")));
        assertThat(outcome, not(containsString("after=waited")));
    }

    private static String probe(String mode) throws Exception {
        try (NodeProcess probe = NodeProcess.startWithOpenFileLimit(
                "poller-probe-" + mode, PollerProbe.class, Map.of("POLLER_PROBE", mode), List.of("-Xmx64m", "-XX:+UseSerialGC"), OPEN_FILES)) {
            assertThat("probe ended: " + probe, probe.awaitLog("after=", TimeUnit.SECONDS.toMillis(60)), is(true));
            return probe.log();
        }
    }
}
